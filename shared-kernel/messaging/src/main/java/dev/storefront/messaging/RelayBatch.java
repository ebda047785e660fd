package dev.storefront.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay cycle in three steps, none of which holds a row lock while it waits on the broker: lease due rows in a
 * short transaction, publish them and wait for the broker's acknowledgements, then, in a second short transaction, mark
 * the acknowledged rows sent and schedule the others for a retry with backoff. A row the broker refuses for good
 * (an {@link ApiException} that is not retriable: too large, invalid topic, not authorised) is parked after
 * {@code park-after} attempts. If anything dies between the acknowledgement and the marking, the rows stay unsent and
 * are published again once their lease has passed: delivery is at least once, and consumers deduplicate on the event
 * id.
 */
final class RelayBatch {

    private static final Logger LOG = LoggerFactory.getLogger(RelayBatch.class);

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
        List<OutboxRecord> records = inTransaction(c -> store.claim(c, settings.batchSize(), settings.claimLease()));
        if (records.isEmpty()) {
            return 0;
        }
        try {
            publish(records);
        } catch (SQLException | RuntimeException | InterruptedException e) {
            release(records);
            throw e;
        }
        return records.size();
    }

    private void publish(List<OutboxRecord> claimed) throws SQLException, InterruptedException {
        List<OutboxRecord> records = claimed;
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            Future<RecordMetadata> sent = send(record);
            sends.add(sent);
            if (sent.isDone() && isFailed(sent) && !isPermanent(cause(sent))) {
                // The producer refused synchronously (no metadata: broker away). Every further send would block as
                // long; leave the rest of the batch for the next cycle.
                records = records.subList(0, sends.size());
                break;
            }
        }
        List<OutboxRecord> untouched = claimed.subList(records.size(), claimed.size());
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<OutboxRecord> acknowledged = new ArrayList<>(records.size());
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            OutboxRecord record = records.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(record);
            } catch (ExecutionException | TimeoutException e) {
                Throwable error = e instanceof ExecutionException ? e.getCause() : e;
                listener.failed(record, error);
                failures.add(new Failure(record, error));
            }
        }
        listener.acknowledged(acknowledged);
        inTransaction(connection -> {
            store.markSent(
                    connection, acknowledged.stream().map(OutboxRecord::id).toList());
            for (Failure failure : failures) {
                int attempts = failure.record().attempts() + 1;
                boolean park = isPermanent(failure.error()) && attempts >= settings.parkAfter();
                if (park) {
                    LOG.error(
                            "Outbox row {} ({} {}) parked after {} attempts: {}",
                            failure.record().id(),
                            failure.record().eventType(),
                            failure.record().eventId(),
                            attempts,
                            failure.error().toString());
                }
                store.markFailed(
                        connection,
                        failure.record().id(),
                        clock.instant().plus(settings.backoffAfter(attempts)),
                        String.valueOf(failure.error()),
                        park);
            }
            store.release(connection, untouched.stream().map(OutboxRecord::id).toList());
            return null;
        });
    }

    private record Failure(OutboxRecord record, Throwable error) {}

    /** A refusal that will not change by trying again: the broker understood the record and said no. */
    static boolean isPermanent(Throwable error) {
        return error instanceof ApiException && !(error instanceof RetriableException);
    }

    private void release(List<OutboxRecord> records) {
        try {
            inTransaction(connection -> {
                store.release(connection, records.stream().map(OutboxRecord::id).toList());
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "Could not give up the lease on {} outbox rows; they are claimed again when it passes",
                    records.size(),
                    e);
        }
    }

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean isFailed(Future<RecordMetadata> future) {
        return future.state() == Future.State.FAILED;
    }

    private static Throwable cause(Future<RecordMetadata> failed) {
        return failed.exceptionNow();
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
            return CompletableFuture.failedFuture(e);
        }
    }
}
