package dev.storefront.messaging;

import dev.storefront.events.EventEnvelope;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test consumer: applies each event as one row in {@code effects}, inside the inbox transaction, so "exactly one
 * effect" is a row count. Events whose aggregate is in {@link #failing} keep failing until removed.
 */
@Singleton
class RecordingSubscription implements EventSubscription {

    static final Set<String> failing = ConcurrentHashMap.newKeySet();

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
        if (failing.contains(event.aggregateId())) {
            throw new IllegalStateException("downstream unavailable for " + event.aggregateId());
        }
        try (PreparedStatement insert = transactions
                .getConnection()
                .prepareStatement("INSERT INTO effects (event_id, aggregate_id, seq) VALUES (?, ?, ?)")) {
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, event.aggregateId());
            insert.setLong(3, event.data().path("totalMinor").asLong());
            insert.executeUpdate();
        }
    }
}
