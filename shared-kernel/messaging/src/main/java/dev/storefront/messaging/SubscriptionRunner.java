package dev.storefront.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.SchemaValidator;
import dev.storefront.events.Traceparent;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of one {@link EventSubscription}, on one thread and one Kafka consumer. For each record, in partition
 * order:
 *
 * <ol>
 *   <li>an unreadable value or one that fails its schema goes to {@code <topic>.dlq} at once;
 *   <li>otherwise, in one database transaction, the event id is recorded in the inbox ({@link InboxStore}) and, if it
 *       was new, the handler applies the effect; a known id is a duplicate, skipped and counted;
 *   <li>a failing handler is tried again later: its partition is sought back to the record and <em>paused</em> until
 *       the backoff has passed, so later events of its keys wait while the other partitions go on, and the loop keeps
 *       polling (no poll's work ever includes a wait, so the member is never evicted for exceeding
 *       {@code max.poll.interval.ms}); after the last attempt the record goes to the dead-letter topic;
 *   <li>a database that is unavailable (or a handler's {@link TemporaryFailureException}) is not the event's fault: the partition is paused and tried again after the
 *       longest backoff, as often as it takes, without using up attempts;
 *   <li>offsets are committed only after the records before them are applied, skipped or dead-lettered.
 * </ol>
 *
 * A crash anywhere re-delivers from the last committed offset; the inbox turns those re-deliveries into duplicates.
 * Anything the loop cannot handle ends {@link #run()} with that error; {@link SupervisedSubscription} notices and starts
 * a new runner with a new consumer.
 */
final class SubscriptionRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRunner.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final EventSubscription subscription;
    private final String group;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TransactionOperations<Connection> transactions;
    private final InboxStore inbox;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerSettings settings;
    private final ConsumerStats stats;
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    /** The record each paused partition waits to try again, and when. */
    private final Map<TopicPartition, Retry> retries = new HashMap<>();

    private volatile boolean running = true;
    private volatile long lastLoopNanos = System.nanoTime();
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
        this.inbox = new InboxStore(schema);
        this.deadLetters = new DeadLetterPublisher(producer, group);
        this.settings = settings;
        this.stats = stats;
    }

    /** A record to try again once {@code dueNanos} has passed, after {@code attempts} failed handler attempts. */
    private record Retry(long offset, int attempts, long dueNanos) {}

    @Override
    public void run() {
        try {
            consumer.subscribe(subscription.topics(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    partitions.forEach(retries::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    stats.assigned(partitions.size());
                }
            });
            while (running) {
                lastLoopNanos = System.nanoTime();
                resumeDuePartitions();
                ConsumerRecords<String, byte[]> records = consumer.poll(nextPollTimeout());
                lastLoopNanos = System.nanoTime();
                processAll(records);
                commit();
                recordLag();
                purgeInbox();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            try {
                commit();
            } catch (WakeupException e) {
                // stopping while the last commit was under way: the records will be seen again as duplicates
            } finally {
                consumer.close(COMMIT_TIMEOUT);
            }
        }
    }

    /** Asks the loop to finish: a poll in progress returns at once, a record being applied is finished first. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** How long ago the loop last went round; a loop that stops going round is stuck. */
    Duration sinceLastLoop() {
        return Duration.ofNanos(System.nanoTime() - lastLoopNanos);
    }

    private void processAll(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!running) {
                    return;
                }
                if (!process(partition, record)) {
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                retries.remove(partition);
            }
        }
    }

    /** Tries the record once; true when it is finished with, false when its partition now waits to try again. */
    private boolean process(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        Retry previous = retries.get(partition);
        int failedBefore = previous != null && previous.offset() == record.offset() ? previous.attempts() : 0;
        EventEnvelope event;
        try {
            JsonNode tree = EventCodec.tree(record.value());
            List<String> problems = SchemaValidator.validate(tree);
            if (!problems.isEmpty()) {
                return deadLetter(partition, record, "schema", String.join("; ", problems), 0, failedBefore);
            }
            event = EventCodec.fromBytes(record.value());
        } catch (IOException | RuntimeException e) {
            return deadLetter(partition, record, "deserialization", String.valueOf(e.getMessage()), 0, failedBefore);
        }
        Traceparent trace = Traceparent.parse(event.traceparent()).orElseGet(Traceparent::newRoot);
        try {
            boolean applied = TraceContext.within(trace, event.id(), () -> applyOnce(record, event));
            if (applied) {
                stats.processed();
            } else {
                stats.duplicate();
                LOG.debug("{}: skipped duplicate {}", group, event.id());
            }
            return true;
        } catch (RejectedEventException e) {
            return deadLetter(partition, record, "rejected", e.getMessage(), failedBefore + 1, failedBefore);
        } catch (RuntimeException e) {
            stats.retried();
            if (isInfrastructureFailure(e)) {
                LOG.warn(
                        "{}: a store is unavailable while applying {}; trying again in {}: {}",
                        group,
                        event.id(),
                        settings.maxBackoff(),
                        rootMessage(e));
                return waitToRetry(partition, record, failedBefore, settings.maxBackoff());
            }
            int attempts = failedBefore + 1;
            if (attempts >= settings.maxAttempts()) {
                return deadLetter(partition, record, "handler-failed", rootMessage(e), attempts, failedBefore);
            }
            Duration backoff = settings.backoffBefore(attempts + 1);
            LOG.info(
                    "{}: attempt {} at {} failed, trying again in {}: {}",
                    group,
                    attempts,
                    event.id(),
                    backoff,
                    rootMessage(e));
            return waitToRetry(partition, record, attempts, backoff);
        }
    }

    /** Records the event in the inbox and applies it, in one transaction; false when it was seen before. */
    private boolean applyOnce(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        return transactions.executeWrite(status -> {
            if (!inbox.record(status.getConnection(), group, event.id(), event.type(), record)) {
                return false;
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

    /** Dead-letters the record; if the broker does not take the letter, the record is tried again later. */
    private boolean deadLetter(
            TopicPartition partition,
            ConsumerRecord<String, byte[]> record,
            String reason,
            String error,
            int attempts,
            int failedBefore) {
        try {
            deadLetters.publish(record, reason, error, attempts);
            stats.deadLettered();
            return true;
        } catch (DeadLetterPublisher.DeadLetterFailedException e) {
            LOG.warn("{}: {}; trying again in {}", group, e.getMessage(), settings.maxBackoff(), e.getCause());
            return waitToRetry(partition, record, failedBefore, settings.maxBackoff());
        }
    }

    /** Seeks the partition back to the record and pauses it until the backoff has passed. */
    private boolean waitToRetry(TopicPartition partition, ConsumerRecord<?, ?> record, int attempts, Duration backoff) {
        retries.put(partition, new Retry(record.offset(), attempts, System.nanoTime() + backoff.toNanos()));
        consumer.seek(partition, record.offset());
        consumer.pause(Set.of(partition));
        return false;
    }

    private void resumeDuePartitions() {
        if (retries.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> due = retries.entrySet().stream()
                .filter(e -> e.getValue().dueNanos() - now <= 0 && paused.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    /** The poll waits no longer than until the next paused partition is due. */
    private Duration nextPollTimeout() {
        long timeout = settings.pollTimeout().toNanos();
        long now = System.nanoTime();
        for (Retry retry : retries.values()) {
            timeout = Math.min(timeout, Math.max(0, retry.dueNanos() - now));
        }
        return Duration.ofNanos(timeout);
    }

    private void commit() {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done, COMMIT_TIMEOUT);
            done.clear();
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("{}: offset commit failed; the records will be seen again and skipped as duplicates", group, e);
            done.clear();
        }
    }

    private void recordLag() {
        for (TopicPartition partition : consumer.assignment()) {
            consumer.currentLag(partition).ifPresent(lag -> stats.lag(partition, lag));
        }
    }

    private void purgeInbox() {
        Instant now = Instant.now();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_INTERVAL);
        try {
            transactions.executeWrite(
                    status -> inbox.purge(status.getConnection(), group, now.minus(settings.inboxRetention())));
        } catch (RuntimeException e) {
            LOG.warn("{}: inbox purge failed", group, e);
        }
    }

    /**
     * Connection-level trouble with Postgres, or a handler's {@link TemporaryFailureException}: the kind of failure
     * that says nothing about the event.
     */
    static boolean isInfrastructureFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemporaryFailureException) {
                return true;
            }
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

    /** A handler's checked exception, carried out of the transaction callback. */
    static final class HandlerFailedException extends RuntimeException {
        HandlerFailedException(Exception cause) {
            super(cause);
        }
    }
}
