package dev.storefront.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.SchemaValidator;
import dev.storefront.events.Topics;
import dev.storefront.events.Traceparent;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link EventSubscription} on its own thread and Kafka consumer. For each record, in partition order:
 *
 * <ol>
 *   <li>an unreadable value or one that fails its schema goes to {@code <topic>.dlq} at once;
 *   <li>otherwise, in one database transaction, the event id is inserted into the inbox and, if it was new, the
 *       handler applies the effect; a known id is a duplicate, skipped and counted;
 *   <li>a failing handler is retried in place with exponential backoff (so later events of the same key wait), and
 *       after the last attempt the record goes to the dead-letter topic;
 *   <li>offsets are committed only after the records before them are applied, skipped or dead-lettered.
 * </ol>
 *
 * A crash anywhere re-delivers from the last committed offset; the inbox turns those re-deliveries into duplicates.
 */
final class SubscriptionRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRunner.class);

    private final EventSubscription subscription;
    private final String group;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TransactionOperations<Connection> transactions;
    private final EventProducer producer;
    private final ConsumerSettings settings;
    private final ConsumerStats stats;
    private final String insertInboxSql;
    private final String purgeInboxSql;
    private volatile boolean running = true;
    private Instant nextPurge = Instant.EPOCH;

    SubscriptionRunner(
            EventSubscription subscription,
            String group,
            KafkaConsumer<String, byte[]> consumer,
            TransactionOperations<Connection> transactions,
            EventProducer producer,
            ConsumerSettings settings,
            ConsumerStats stats,
            String schema) {
        this.subscription = subscription;
        this.group = group;
        this.consumer = consumer;
        this.transactions = transactions;
        this.producer = producer;
        this.settings = settings;
        this.stats = stats;
        this.insertInboxSql = "INSERT INTO " + schema + ".inbox"
                + " (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        this.purgeInboxSql = "DELETE FROM " + schema + ".inbox WHERE consumer_group = ? AND processed_at < ?";
    }

    @Override
    public void run() {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            consumer.subscribe(subscription.topics(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit(done);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                processAll(records, done);
                commit(done);
                purgeInbox();
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            commit(done);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Processes a poll's records partition by partition. If one cannot be finished (not even dead-lettered: broker
     * trouble), every partition of the poll is rewound to its first unfinished record, so nothing is skipped.
     */
    private void processAll(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done)
            throws InterruptedException {
        List<TopicPartition> partitions = List.copyOf(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            TopicPartition partition = partitions.get(p);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!running) {
                    rewind(records, partitions, p, record.offset());
                    return;
                }
                try {
                    process(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (RuntimeException e) {
                    LOG.warn(
                            "{}: could not finish {}-{}@{}; retrying",
                            group,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            e);
                    commit(done);
                    rewind(records, partitions, p, record.offset());
                    pause(settings.maxBackoff());
                    return;
                }
            }
        }
    }

    /** Seeks the partition at {@code index} to {@code offset} and every later partition of the poll to its start. */
    private void rewind(
            ConsumerRecords<String, byte[]> records, List<TopicPartition> partitions, int index, long offset) {
        consumer.seek(partitions.get(index), offset);
        for (int later = index + 1; later < partitions.size(); later++) {
            TopicPartition partition = partitions.get(later);
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
            done.clear();
        } catch (RuntimeException e) {
            LOG.warn("{}: offset commit failed; the records will be seen again and skipped as duplicates", group, e);
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        JsonNode tree;
        EventEnvelope event;
        try {
            tree = EventCodec.tree(record.value());
            List<String> problems = SchemaValidator.validate(tree);
            if (!problems.isEmpty()) {
                deadLetter(record, "schema", String.join("; ", problems), 0);
                return;
            }
            event = EventCodec.fromBytes(record.value());
        } catch (IOException | RuntimeException e) {
            deadLetter(record, "deserialization", String.valueOf(e.getMessage()), 0);
            return;
        }
        Traceparent trace = Traceparent.parse(event.traceparent()).orElseGet(Traceparent::newRoot);
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = TraceContext.within(trace, event.id(), () -> applyOnce(record, event));
                if (applied) {
                    stats.processed();
                } else {
                    stats.duplicate();
                    LOG.debug("{}: skipped duplicate {}", group, event.id());
                }
                return;
            } catch (RejectedEventException e) {
                deadLetter(record, "rejected", e.getMessage(), attempt);
                return;
            } catch (RuntimeException e) {
                if (isInfrastructureFailure(e)) {
                    // The database, not the event, is at fault: wait for it however long it takes.
                    stats.retried();
                    LOG.warn(
                            "{}: database unavailable while applying {}, waiting: {}",
                            group,
                            event.id(),
                            rootMessage(e));
                    pause(settings.maxBackoff());
                    attempt--;
                    continue;
                }
                if (attempt >= settings.maxAttempts()) {
                    deadLetter(record, "handler-failed", rootMessage(e), attempt);
                    return;
                }
                stats.retried();
                LOG.info("{}: attempt {} at {} failed, retrying: {}", group, attempt, event.id(), rootMessage(e));
                pause(settings.backoffBefore(attempt + 1));
            }
        }
    }

    /** Records the event in the inbox and applies it, in one transaction; false when it was seen before. */
    private boolean applyOnce(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement insert = status.getConnection().prepareStatement(insertInboxSql)) {
                insert.setString(1, group);
                insert.setObject(2, UUID.fromString(event.id()));
                insert.setString(3, event.type());
                insert.setString(4, record.topic());
                insert.setInt(5, record.partition());
                insert.setLong(6, record.offset());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            try {
                subscription.handle(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // Wrapped so the transaction rolls back: checked exceptions would otherwise commit.
                throw new HandlerFailedException(e);
            }
            return true;
        });
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, String error, int attempts) {
        String dlq = Topics.deadLetterOf(record.topic());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(dlq, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        letter.headers()
                .add(DeadLetterHeaders.ORIGINAL_TOPIC, EventProducer.bytes(record.topic()))
                .add(DeadLetterHeaders.ORIGINAL_PARTITION, EventProducer.bytes(Integer.toString(record.partition())))
                .add(DeadLetterHeaders.ORIGINAL_OFFSET, EventProducer.bytes(Long.toString(record.offset())))
                .add(DeadLetterHeaders.CONSUMER_GROUP, EventProducer.bytes(group))
                .add(DeadLetterHeaders.REASON, EventProducer.bytes(reason))
                .add(DeadLetterHeaders.ERROR, EventProducer.bytes(truncate(error)))
                .add(DeadLetterHeaders.ATTEMPTS, EventProducer.bytes(Integer.toString(attempts)))
                .add(
                        DeadLetterHeaders.FAILED_AT,
                        EventProducer.bytes(Instant.now().toString()));
        try {
            producer.send(letter).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
        stats.deadLettered();
        LOG.warn(
                "{}: {}-{}@{} dead-lettered to {} ({}): {}",
                group,
                record.topic(),
                record.partition(),
                record.offset(),
                dlq,
                reason,
                error);
    }

    private void purgeInbox() {
        Instant now = Instant.now();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(Duration.ofMinutes(10));
        try {
            transactions.executeWrite(status -> {
                try (PreparedStatement purge = status.getConnection().prepareStatement(purgeInboxSql)) {
                    purge.setString(1, group);
                    purge.setTimestamp(2, Timestamp.from(now.minus(settings.inboxRetention())));
                    return purge.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{}: inbox purge failed", group, e);
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        // Backoff between attempts at one event: the partition must wait, or later events of its keys would overtake.
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }

    /** Connection-level trouble with Postgres: the kind of failure that says nothing about the event. */
    static boolean isInfrastructureFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String truncate(String value) {
        String text = value == null ? "" : value;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** A handler's checked exception, carried out of the transaction callback. */
    static final class HandlerFailedException extends RuntimeException {
        HandlerFailedException(Exception cause) {
            super(cause);
        }
    }
}
