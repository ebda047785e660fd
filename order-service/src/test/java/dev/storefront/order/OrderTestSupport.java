package dev.storefront.order;

import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ServiceTestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What order-service's integration tests share: the service's configuration and a look into its tables. */
public final class OrderTestSupport {

    private OrderTestSupport() {}

    public static Map<String, String> properties(FakeCatalog catalog) {
        Map<String, String> properties = new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.ORDERS));
        properties.put("micronaut.http.services.catalog.url", catalog.url());
        return properties;
    }

    /** A producer to the test broker, for playing another service's events at order-service. */
    public static KafkaProducer<String, byte[]> eventProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Infrastructure.forTests().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A SKU no other test uses. */
    public static String newSku() {
        return "T-"
                + UUID.randomUUID().toString().substring(0, 13).toUpperCase().replace("-", "");
    }

    public static long count(String sql, Object... args) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        ServiceTestInfrastructure.jdbcUrl(ServiceDatabase.ORDERS),
                        ServiceDatabase.ORDERS.role(),
                        ServiceDatabase.ORDERS.password());
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof UUID uuid) {
                    statement.setObject(i + 1, uuid);
                } else {
                    statement.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Events of {@code type} about {@code orderId} in the service's outbox. */
    public static long outboxEvents(String type, String orderId) throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE event_type = ? AND message_key = ?", type, orderId);
    }
}
