package dev.storefront.messaging;

import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.EventType;
import dev.storefront.events.SchemaValidator;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to the service's outbox inside the caller's database transaction, so the state change and the event
 * that announces it commit together or not at all. It refuses to run without a transaction: an event written on its
 * own connection could survive a rolled-back change (or the reverse), which is exactly the dual write the outbox
 * exists to prevent.
 *
 * <p>Each append also sends a NOTIFY that Postgres delivers at commit, so the relay wakes at once instead of at its
 * next poll.
 */
@Singleton
public class OutboxWriter {

    static final String NOTIFY_CHANNEL_PREFIX = "outbox_";

    private final TransactionOperations<Connection> transactions;
    private final MessagingSettings settings;
    private final Clock clock;
    private final String insertSql;
    private final String notifyChannel;

    public OutboxWriter(TransactionOperations<Connection> transactions, MessagingSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.insertSql = "INSERT INTO " + settings.schema() + ".outbox"
                + " (event_id, event_type, topic, message_key, envelope, traceparent) VALUES (?, ?, ?, ?, ?::jsonb, ?)";
        this.notifyChannel = NOTIFY_CHANNEL_PREFIX + settings.schema();
    }

    /**
     * Appends {@code payload} as a new event of {@code type} about {@code aggregateId}.
     *
     * @param correlationId the business flow it belongs to (the order id in the golden journey)
     * @param causationId the id of the event being handled that caused this one, or null
     * @return the envelope written, with its new event id
     */
    public <T> EventEnvelope append(
            EventType<T> type, T payload, String aggregateId, String correlationId, String causationId) {
        EventEnvelope envelope = EventCodec.envelope(
                type,
                payload,
                settings.source(),
                aggregateId,
                correlationId,
                causationId,
                TraceContext.forNewEvent(),
                clock.instant());
        append(envelope, type.topic());
        return envelope;
    }

    /** Appends a ready envelope to {@code topic}, keyed by its aggregate id. */
    public void append(EventEnvelope envelope, String topic) {
        List<String> problems = SchemaValidator.validate(envelope);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    envelope.type() + " v" + envelope.version() + " fails its schema: " + problems);
        }
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("the outbox is written only inside the caller's transaction");
        }
        Connection connection = transactions.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(insertSql);
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            insert.setObject(1, UUID.fromString(envelope.id()));
            insert.setString(2, envelope.type());
            insert.setString(3, topic);
            insert.setString(4, envelope.aggregateId());
            insert.setString(5, new String(EventCodec.toBytes(envelope), StandardCharsets.UTF_8));
            insert.setString(6, envelope.traceparent());
            insert.executeUpdate();
            notify.setString(1, notifyChannel);
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not append " + envelope.type() + " to the outbox", e);
        }
    }
}
