package dev.storefront.messaging;

import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.EventType;
import dev.storefront.events.SchemaValidator;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
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
 * <p>Per-key order is the writer's to enforce, not the callers': every append takes a transaction-scoped lock on its
 * topic and key, so rows of one key commit in the order of their ids. A transaction that appends to several keys
 * should append them in a stable order (Postgres ends a lock cycle with a deadlock error and one side retries).
 *
 * <p>When the transaction commits, the relay of this instance is woken at once ({@link OutboxSignal}); with
 * {@code storefront.messaging.relay.listen-notify} the append also sends a NOTIFY that Postgres delivers at commit to
 * the relays of every instance. NOTIFY is off by default: Postgres serialises the commits of notifying transactions,
 * which costs more write throughput than the faster wake-up of other instances is worth.
 */
@Singleton
public class OutboxWriter {

    static final String NOTIFY_CHANNEL_PREFIX = "outbox_";

    private final TransactionOperations<Connection> transactions;
    private final MessagingSettings settings;
    private final Clock clock;
    private final String insertSql;
    private final String notifyChannel;

    private final OutboxSignal signal;
    private final boolean notify;

    public OutboxWriter(
            TransactionOperations<Connection> transactions,
            MessagingSettings settings,
            RelaySettings relay,
            OutboxSignal signal) {
        this.transactions = transactions;
        this.settings = settings;
        this.signal = signal;
        this.notify = relay.listenNotify();
        this.clock = Clock.systemUTC();
        // The row is inserted under a transaction-scoped advisory lock on its topic and key: a second transaction
        // appending to the same key waits until the first commits or rolls back. Ids come from a sequence at INSERT, so
        // without it two transactions that do not otherwise lock each other could commit a key's rows in the opposite
        // order of their ids, and the relay could send the later event first (docs/adr/0010, amendment).
        this.insertSql = "WITH key_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(?, 0)))"
                + " INSERT INTO " + settings.schema() + ".outbox"
                + " (event_id, event_type, topic, message_key, envelope, traceparent)"
                + " SELECT ?, ?, ?, ?, ?, ? FROM key_lock";
        this.notifyChannel = NOTIFY_CHANNEL_PREFIX + settings.schema();
    }

    /**
     * Appends {@code payload} as a new event of {@code type} about {@code aggregateId}.
     *
     * @param correlationId the business flow it belongs to (the order id in the golden journey)
     * @param causationId the id of the event that caused this one; null means the event being handled on this
     *     thread, if any
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
                causationId != null
                        ? causationId
                        : TraceContext.consumedEventId().orElse(null),
                TraceContext.forNewEvent(),
                clock.instant());
        // Built here from a typed payload: the envelope fields are right by construction, only the payload needs
        // checking against its schema (the cheaper check, on every write).
        write(envelope, type.topic(), SchemaValidator.validatePayload(envelope));
        return envelope;
    }

    /** Appends an envelope built elsewhere to {@code topic}, keyed by its aggregate id; all of it is validated. */
    public void append(EventEnvelope envelope, String topic) {
        write(envelope, topic, SchemaValidator.validate(envelope));
    }

    void write(EventEnvelope envelope, String topic, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    envelope.type() + " v" + envelope.version() + " fails its schema: " + problems);
        }
        TransactionStatus<?> status = transactions
                .findTransactionStatus()
                .orElseThrow(
                        () -> new IllegalStateException("the outbox is written only inside the caller's transaction"));
        Connection connection = transactions.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            insert.setString(1, topic + "/" + envelope.aggregateId());
            insert.setObject(2, UUID.fromString(envelope.id()));
            insert.setString(3, envelope.type());
            insert.setString(4, topic);
            insert.setString(5, envelope.aggregateId());
            insert.setString(6, new String(EventCodec.toBytes(envelope), StandardCharsets.UTF_8));
            insert.setString(7, envelope.traceparent());
            insert.executeUpdate();
            if (notify) {
                try (PreparedStatement notification = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                    notification.setString(1, notifyChannel);
                    notification.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not append " + envelope.type() + " to the outbox", e);
        }
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.committed();
            }
        });
    }
}
