package dev.storefront.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One relay cycle, in one database transaction: claim due rows, publish them, wait for the broker's acknowledgements,
 * then mark the acknowledged rows sent and schedule the others for a retry with backoff. If anything dies between the
 * acknowledgement and the commit, the rows stay unsent and are published again: delivery is at least once, and
 * consumers deduplicate on the event id.
 */
final class RelayBatch {

    private final DataSource dataSource;
    private final OutboxStore store;
    private final EventProducer producer;
    private final RelaySettings settings;
    private final RelayListener listener;
    private final Clock clock;

    RelayBatch(
            DataSource dataSource,
            OutboxStore store,
            EventProducer producer,
            RelaySettings settings,
            RelayListener listener,
            Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.producer = producer;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
    }

    /** Runs one cycle; returns how many rows it claimed (0 when nothing was due). */
    int runOnce() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int claimed = publishClaimed(connection);
                connection.commit();
                return claimed;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int publishClaimed(Connection connection) throws SQLException, InterruptedException {
        List<OutboxRecord> records = store.claim(connection, settings.batchSize());
        if (records.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            Future<RecordMetadata> sent = send(record);
            sends.add(sent);
            if (sent.isDone() && isFailed(sent)) {
                // The producer refused synchronously (no metadata: broker away). Every further send would block as
                // long; leave the rest of the batch untouched for the next cycle.
                records = records.subList(0, sends.size());
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<OutboxRecord> acknowledged = new ArrayList<>(records.size());
        List<Long> acknowledgedIds = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            OutboxRecord record = records.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(record);
                acknowledgedIds.add(record.id());
            } catch (ExecutionException | TimeoutException e) {
                Throwable error = e instanceof ExecutionException ? e.getCause() : e;
                listener.failed(record, error);
                store.markFailed(
                        connection,
                        record.id(),
                        clock.instant().plus(settings.backoffAfter(record.attempts() + 1)),
                        String.valueOf(error));
            }
        }
        listener.acknowledged(acknowledged);
        store.markSent(connection, acknowledgedIds);
        return records.size();
    }

    private static boolean isFailed(Future<RecordMetadata> future) {
        return future.state() == Future.State.FAILED;
    }

    private Future<RecordMetadata> send(OutboxRecord record) {
        try {
            return producer.send(EventProducer.eventRecord(
                    record.topic(),
                    record.key(),
                    record.envelope(),
                    record.eventId(),
                    record.eventType(),
                    record.traceparent()));
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms while the broker is away
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }
}
