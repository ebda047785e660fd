package dev.storefront.messaging;

import dev.storefront.events.EventEnvelope;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The test consumer: applies each event as one row in {@code effects}, inside the inbox transaction, so "exactly one
 * effect" is a row count. Events whose aggregate is in {@link #failing}, or whose id is in {@link #failingEvents}, keep
 * failing until removed; the other sets make one event misbehave in a particular way (see each).
 */
@Singleton
class RecordingSubscription implements EventSubscription {

    static final Set<String> failing = ConcurrentHashMap.newKeySet();

    static final Set<String> failingEvents = ConcurrentHashMap.newKeySet();

    /** Events whose handling finds the database unavailable (a connection-class SQLException), until removed. */
    static final Set<String> databaseUnavailableFor = ConcurrentHashMap.newKeySet();

    /** Events whose handling reports a store temporarily unavailable, as many more times as the counter says. */
    static final Map<String, java.util.concurrent.atomic.AtomicInteger> temporarilyFailing = new ConcurrentHashMap<>();

    /** Events whose handling overflows the stack once: a real {@link StackOverflowError}, then normal handling. */
    static final Set<String> overflowOnceFor = ConcurrentHashMap.newKeySet();

    /** Events whose handling blocks until the latch is opened. */
    static final Map<String, CountDownLatch> blockingOn = new ConcurrentHashMap<>();

    private final TransactionOperations<Connection> transactions;

    RecordingSubscription(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public String consumerGroup() {
        return MessagingTestSupport.GROUP;
    }

    @Override
    public List<String> topics() {
        return List.of(MessagingTestSupport.TOPIC);
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        if (failing.contains(event.aggregateId()) || failingEvents.contains(event.id())) {
            throw new IllegalStateException("downstream unavailable for " + event.aggregateId());
        }
        if (databaseUnavailableFor.contains(event.id())) {
            throw new SQLTransientConnectionException("connection refused", "08001");
        }
        var failuresLeft = temporarilyFailing.get(event.id());
        if (failuresLeft != null && failuresLeft.getAndDecrement() > 0) {
            throw new TemporaryFailureException("store unavailable", new IllegalStateException("connection refused"));
        }
        if (overflowOnceFor.remove(event.id())) {
            recurse(0);
        }
        CountDownLatch latch = blockingOn.get(event.id());
        if (latch != null) {
            latch.await();
        }
        try (PreparedStatement insert = transactions
                .getConnection()
                .prepareStatement("INSERT INTO effects (event_id, aggregate_id, seq) VALUES (?, ?, ?)")) {
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, event.aggregateId());
            insert.setLong(3, event.data().path("totalMinor").asLong());
            insert.executeUpdate();
        }
        if (event.aggregateId().equals(System.getProperty(ConsumerProcess.HALT_AFTER_EFFECT))) {
            // In a consumer process that a test is about to kill: once the effect has committed, report it and stop
            // this thread there, before the loop can commit the offset.
            transactions
                    .findTransactionStatus()
                    .orElseThrow()
                    .registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            System.out.println(ConsumerProcess.APPLIED + event.id());
                            System.out.flush();
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    });
        }
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }
}
