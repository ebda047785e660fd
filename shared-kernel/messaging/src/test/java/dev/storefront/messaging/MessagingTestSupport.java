package dev.storefront.messaging;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Traceparent;
import dev.storefront.events.order.OrderLine;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ServiceTestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The schema, topic and events the messaging integration tests share. */
final class MessagingTestSupport {

    static final ServiceDatabase DATABASE =
            new ServiceDatabase(ServiceDatabase.DEFAULT_DATABASE, "messaging_it", "messaging_it", "messaging_it");
    /** Unique per test run, so runs against a shared broker never see each other's records. */
    static final String TOPIC = System.getProperty(
            "messaging.it.topic", "it.orders." + UUID.randomUUID().toString().substring(0, 8));

    /** Unique per test run too; a child process of a test ({@link ConsumerProcess}) is given its parent's. */
    static final String GROUP = System.getProperty(
            "messaging.it.group", "messaging-it." + UUID.randomUUID().toString().substring(0, 8));

    private MessagingTestSupport() {}

    static Map<String, String> properties(boolean relayEnabled) {
        Map<String, String> properties = new HashMap<>(ServiceTestInfrastructure.propertiesFor(DATABASE));
        properties.put("storefront.messaging.source", "messaging-it");
        properties.put("storefront.messaging.schema", DATABASE.schema());
        properties.put("storefront.messaging.topics", TOPIC);
        properties.put("storefront.messaging.relay.enabled", Boolean.toString(relayEnabled));
        properties.put("storefront.messaging.relay.poll-interval", "200ms");
        properties.put("storefront.messaging.relay.initial-backoff", "50ms");
        properties.put("storefront.messaging.relay.max-backoff", "500ms");
        properties.put("storefront.messaging.consumer.max-attempts", "3");
        properties.put("storefront.messaging.consumer.initial-backoff", "20ms");
        properties.put("storefront.messaging.consumer.max-backoff", "100ms");
        properties.put("micronaut.server.port", "-1");
        createTestTables();
        return properties;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                ServiceTestInfrastructure.jdbcUrl(DATABASE), DATABASE.role(), DATABASE.password());
    }

    /** The state the tests change (widgets, service_writes) and the effects their consumer applies, owned by the test role. */
    private static void createTestTables() {
        Infrastructure.forTests().postgres();
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS widgets (id VARCHAR(64) PRIMARY KEY, seq BIGINT NOT NULL)");
            sql.execute("CREATE TABLE IF NOT EXISTS service_writes (event_id UUID PRIMARY KEY,"
                    + " aggregate_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL)");
            sql.execute("CREATE TABLE IF NOT EXISTS effects (applied BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL,"
                    + " aggregate_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL)");
            // Rows earlier runs left for their own topics would be claimed by this run's relays, and those topics do
            // not exist on this run's broker.
            sql.execute("DO $$ BEGIN IF to_regclass('outbox') IS NOT NULL THEN DELETE FROM outbox WHERE topic <> '"
                    + TOPIC + "'; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OrderPlaced about {@code orderId}; {@code seq} rides in totalMinor so ordering can be checked. */
    static EventEnvelope orderPlaced(String orderId, long seq) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OrderPlaced payload = new OrderPlaced(
                orderId,
                "customer-1",
                List.of(new OrderLine("SKU-0001", 1, seq)),
                "EUR",
                seq,
                now,
                now.plusSeconds(900));
        return EventCodec.envelope(
                EventCatalog.ORDER_PLACED, payload, "messaging-it", orderId, orderId, null, Traceparent.newRoot(), now);
    }

    static long count(String sql) throws SQLException {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
