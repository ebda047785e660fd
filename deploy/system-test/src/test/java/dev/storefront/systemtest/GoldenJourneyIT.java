package dev.storefront.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.events.EventCodec;
import dev.storefront.events.Topics;
import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.Network;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.SseStream;
import dev.storefront.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The golden journey across processes: catalog-service, order-service and notification-service run from their built
 * jars as separate JVMs (as the local stack runs them) against real Postgres, Redis and Kafka, and the test is the
 * customer and the administrator, over HTTP only; the customer keeps a live notification stream open throughout. It
 * ends with a reconciliation of the three services' books.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldenJourneyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Long enough for the saga on a loaded machine, short enough to watch an order expire. */
    private static final String TIME_TO_CONFIRM = "8s";

    private final Path root =
            Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> orders = new ArrayList<>();
    private final Map<String, Integer> initialStock = new HashMap<>();
    private ServiceProcess catalog;
    private ServiceProcess order;
    private ServiceProcess notification;
    private SseStream notifications;
    private static final String JOURNEY = "deploy/local-stack/src/main/resources/dev/storefront/localstack/journey.sh";

    private String customer;

    @BeforeAll
    void startServices() throws Exception {
        Infrastructure infra = Infrastructure.forTests();
        catalog = new ServiceProcess(
                root, "catalog-service", Network.freePort(), properties(infra, ServiceDatabase.CATALOG));
        catalog.start();
        Map<String, String> orderProperties = properties(infra, ServiceDatabase.ORDERS);
        orderProperties.put("micronaut.http.services.catalog.url", catalog.uri().toString());
        orderProperties.put("storefront.orders.time-to-confirm", TIME_TO_CONFIRM);
        order = new ServiceProcess(root, "order-service", Network.freePort(), orderProperties);
        order.start();
        notification = new ServiceProcess(
                root, "notification-service", Network.freePort(), properties(infra, ServiceDatabase.NOTIFICATION));
        notification.start();
        customer = TestTokens.customer("journey-" + run);
        notifications = SseStream.open(notification.uri(), customer, null);
        assertThat(notifications.status()).isEqualTo(200);
        ApiClient.Response category = catalogApi()
                .postJson("/api/v1/categories", TestTokens.admin(), "{\"slug\":\"journey\",\"name\":\"Journey\"}");
        assertThat(category.status())
                .as("created, or there from an earlier run")
                .isIn(201, 409);
    }

    private Map<String, String> properties(Infrastructure infra, ServiceDatabase service) {
        ServiceDatabase database = service.inDatabase(ServiceTestInfrastructure.TEST_DATABASE);
        DatabaseProvisioner.provision(infra.postgres(), database);
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", infra.postgres().jdbcUrl(database.database(), database.schema()));
        properties.put("datasources.default.username", database.role());
        properties.put("datasources.default.password", database.password());
        properties.put("redis.uri", infra.redis().uri());
        properties.put("storefront.rate-limits.redis-uri", infra.redis().uri());
        properties.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        properties.putAll(ServiceTestInfrastructure.tokenProperties());
        properties.put("storefront.messaging.group-suffix", ".journey-" + run);
        return properties;
    }

    @AfterAll
    void stopServices() {
        if (notifications != null) {
            notifications.close();
        }
        if (notification != null) {
            notification.stop();
        }
        if (order != null) {
            order.stop();
        }
        if (catalog != null) {
            catalog.stop();
        }
    }

    private ApiClient catalogApi() {
        return ApiClient.at(catalog.uri());
    }

    private ApiClient orderApi() {
        return ApiClient.at(order.uri());
    }

    private String product(int stock, long price) {
        String sku = "J" + run.toUpperCase() + "-" + (initialStock.size() + 1);
        ApiClient.Response created =
                catalogApi().postJson("/api/v1/products", TestTokens.admin(), """
                {"sku":"%s","name":"Journey %s","description":"d","category":"journey",
                 "price":{"amountMinor":%d,"currency":"EUR"},"initialStock":%d}""".formatted(sku, sku, price, stock));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        initialStock.put(sku, stock);
        return sku;
    }

    /** Browse, open a cart, put {@code quantity} of {@code sku} in it, check out: the order id. */
    private String buy(String sku, int quantity) {
        assertThat(catalogApi().get("/api/v1/products/" + sku).status()).isEqualTo(200);
        return checkout(cartWith(sku, quantity));
    }

    /** A new cart of the journey's customer holding {@code quantity} of {@code sku}. */
    private String cartWith(String sku, int quantity) {
        String cart = orderApi()
                .send("POST", "/api/v1/carts", customer, Map.of(), null)
                .json()
                .path("id")
                .asText();
        ApiClient.Response put = orderApi()
                .send(
                        "PUT",
                        "/api/v1/carts/" + cart + "/items/" + sku,
                        customer,
                        Map.of(),
                        "{\"quantity\":" + quantity + "}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return cart;
    }

    /** Checks the cart out under a fresh Idempotency-Key: the order id, remembered for the reconciliation. */
    private String checkout(String cart) {
        ApiClient.Response placed = orderApi()
                .send(
                        "POST",
                        "/api/v1/orders",
                        customer,
                        Map.of("Idempotency-Key", "journey-" + UUID.randomUUID()),
                        "{\"cartId\":\"" + cart + "\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json().path("id").asText();
        orders.add(id);
        return id;
    }

    private String statusOf(String orderId) {
        return orderApi()
                .get("/api/v1/orders/" + orderId, customer)
                .json()
                .path("status")
                .asText();
    }

    /** The next notification pushed on the customer's open stream, as JSON. */
    private JsonNode pushed() throws Exception {
        return new ObjectMapper()
                .readTree(notifications.next("notification", PATIENCE).data());
    }

    /** The kinds of the customer's notifications about {@code orderId}, oldest first, as the list API shows them. */
    private List<String> notificationKindsOf(String orderId) {
        JsonNode page = ApiClient.at(notification.uri())
                .get("/api/v1/notifications?limit=100", customer)
                .json();
        List<String> kinds = new ArrayList<>();
        page.path("items").forEach(n -> {
            if (orderId.equals(n.path("orderId").asText())) {
                kinds.add(0, n.path("kind").asText());
            }
        });
        return kinds;
    }

    private JsonNode stock(String sku) {
        return catalogApi().get("/api/v1/products/" + sku + "/stock").json();
    }

    @Test
    @Order(1)
    void anOrderWithStockIsConfirmedAndTheCustomersStreamSaysSo() throws Exception {
        String sku = product(5, 1_999);

        String id = buy(sku, 2);

        await().atMost(PATIENCE).until(() -> statusOf(id), "CONFIRMED"::equals);
        await().atMost(PATIENCE).until(() -> stock(sku).path("onHand").asInt() == 3);
        JsonNode received = pushed();
        JsonNode confirmed = pushed();
        assertThat(received.path("kind").asText()).isEqualTo("ORDER_RECEIVED");
        assertThat(confirmed.path("kind").asText()).isEqualTo("ORDER_CONFIRMED");
        assertThat(confirmed.path("orderId").asText()).isEqualTo(id);
        assertThat(confirmed.path("body").asText())
                .contains("2 x " + sku + " at 19.99 EUR")
                .contains("39.98 EUR");
        assertThat(notificationKindsOf(id)).containsExactly("ORDER_RECEIVED", "ORDER_CONFIRMED");
    }

    @Test
    @Order(2)
    void anOrderForMoreThanThereIsIsRejectedWithTheReason() {
        String sku = product(1, 500);

        String id = buy(sku, 3);

        await().atMost(PATIENCE).until(() -> statusOf(id), "REJECTED"::equals);
        JsonNode rejected = orderApi().get("/api/v1/orders/" + id, customer).json();
        assertThat(rejected.path("rejections").get(0).path("reason").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(rejected.path("rejections").get(0).path("available").asInt()).isEqualTo(1);
        assertThat(stock(sku).path("onHand").asInt()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> notificationKindsOf(id).contains("ORDER_REJECTED"));
        assertThat(notificationKindsOf(id)).containsExactly("ORDER_RECEIVED", "ORDER_REJECTED");
    }

    @Test
    @Order(3)
    void aCancelledOrderGivesItsStockBack() {
        String sku = product(4, 800);
        String id = buy(sku, 4);
        await().atMost(PATIENCE).until(() -> statusOf(id), "CONFIRMED"::equals);
        await().atMost(PATIENCE).until(() -> stock(sku).path("onHand").asInt() == 0);

        ApiClient.Response cancelled =
                orderApi().send("POST", "/api/v1/orders/" + id + "/cancel", customer, Map.of(), "{}");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        await().atMost(PATIENCE).until(() -> stock(sku).path("onHand").asInt() == 4);
        assertThat(stock(sku).path("reserved").asInt()).isZero();
        await().atMost(PATIENCE).until(() -> notificationKindsOf(id).contains("ORDER_CANCELLED"));
        assertThat(notificationKindsOf(id)).containsExactly("ORDER_RECEIVED", "ORDER_CONFIRMED", "ORDER_CANCELLED");
    }

    @Test
    @Order(4)
    void theCurlWalkThroughThatTheLocalStackPrintsRunsTheJourney() throws Exception {
        String sku = product(5, 1250);
        Path tokens = Files.createTempFile("journey-tokens", ".env");
        Files.writeString(tokens, "CUSTOMER_TOKEN=" + customer + System.lineSeparator());
        ProcessBuilder bash = new ProcessBuilder("bash", root.resolve(JOURNEY).toString()).redirectErrorStream(true);
        bash.environment().put("CATALOG", catalog.uri().toString().replaceAll("/$", ""));
        bash.environment().put("ORDERS", order.uri().toString().replaceAll("/$", ""));
        bash.environment().put("SKU", sku);
        bash.environment().put("TOKENS", tokens.toString());
        Process script = bash.start();
        assertThat(script.waitFor(60, TimeUnit.SECONDS))
                .as("the walk-through ends")
                .isTrue();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.delete(tokens);

        assertThat(script.exitValue()).as(output).isZero();
        Matcher summary = Pattern.compile("journey: order ([0-9a-f-]+) was CONFIRMED, then cancelled; stock before"
                        + " (\\{[^}]*}), after (\\{[^}]*})")
                .matcher(output);
        assertThat(summary.find()).as(output).isTrue();
        assertThat(summary.group(3)).as("the stock is back").isEqualTo(summary.group(2));
        assertThat(statusOf(summary.group(1))).isEqualTo("CANCELLED");
        orders.add(summary.group(1));
    }

    @Test
    @Order(5)
    void anOrderThatCatalogDoesNotAnswerInTimeExpiresAndHoldsNothingOnceCatalogIsBack() throws Exception {
        String sku = product(6, 300);
        // The cart is filled while catalog runs; checkout then prices from order-service's short-lived copy.
        String cart = cartWith(sku, 2);
        catalog.stop();

        String id = checkout(cart);
        await().atMost(PATIENCE).until(() -> statusOf(id), "EXPIRED"::equals);

        catalog.start();

        await().atMost(PATIENCE)
                .until(() ->
                        catalogCount("SELECT count(*) FROM reservations WHERE order_id = ? AND state = 'RELEASED'", id)
                                == 1);
        assertThat(stock(sku).path("reserved").asInt()).isZero();
        assertThat(stock(sku).path("onHand").asInt()).isEqualTo(6);
        assertThat(statusOf(id)).as("the late reservation did not confirm it").isEqualTo("EXPIRED");
        await().atMost(PATIENCE).until(() -> notificationKindsOf(id).contains("ORDER_EXPIRED"));
    }

    @Test
    @Order(6)
    void theBooksReconcile() throws Exception {
        // Every order has exactly one final outcome in both services.
        Map<String, String> expectedReservation = Map.of(
                "CONFIRMED", "CONFIRMED", "REJECTED", "REJECTED", "CANCELLED", "RELEASED", "EXPIRED", "RELEASED");
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String id : orders) {
                String status = statusOf(id);
                assertThat(expectedReservation).containsKey(status);
                assertThat(catalogCount(
                                "SELECT count(*) FROM reservations WHERE order_id = ? AND state = ?",
                                id,
                                expectedReservation.get(status)))
                        .as("reservation of " + id + " (" + status + ")")
                        .isEqualTo(1);
            }
        });
        // Stock adds up per SKU: what was there = what is there + what was sold; nothing is held.
        for (Map.Entry<String, Integer> sku : initialStock.entrySet()) {
            long sold = catalogCount(
                    "SELECT coalesce(sum(l.quantity), 0) FROM reservations r JOIN reservation_lines l USING (order_id)"
                            + " WHERE l.sku = ? AND r.state = 'CONFIRMED'",
                    sku.getKey());
            JsonNode now = stock(sku.getKey());
            assertThat(now.path("onHand").asInt() + sold)
                    .as(sku.getKey())
                    .isEqualTo(sku.getValue().longValue());
            assertThat(now.path("reserved").asInt()).as(sku.getKey() + " held").isZero();
        }
        // No outbox row of the journey is left unsent, in either service.
        await().atMost(PATIENCE)
                .until(() -> count(
                                        ServiceDatabase.ORDERS,
                                        "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND message_key = ANY(?)",
                                        (Object) orders.toArray(String[]::new))
                                + count(
                                        ServiceDatabase.CATALOG,
                                        "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND message_key = ANY(?)",
                                        (Object) orders.toArray(String[]::new))
                        == 0);
        // Catalog tells each reservation's whole story on its topic, in order: every cancelled order of the journey
        // was confirmed first, so its units were sold and then restocked.
        Map<String, List<String>> story = Map.of(
                "CONFIRMED", List.of("InventoryReserved", "InventoryCommitted"),
                "REJECTED", List.of("InventoryRejected"),
                "CANCELLED", List.of("InventoryReserved", "InventoryCommitted", "InventoryReleased"),
                "EXPIRED", List.of("InventoryReserved", "InventoryReleased"));
        Map<String, List<String>> told = new HashMap<>();
        for (var record : journeyRecords(Topics.INVENTORY_RESERVATION)) {
            told.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(EventCodec.fromBytes(record.value()).type());
        }
        for (String id : orders) {
            assertThat(told.get(id)).as("events of " + id).isEqualTo(story.get(statusOf(id)));
        }
        // One notification per order event, of the kind the event calls for, for every order of the journey.
        Map<String, String> kindOf = Map.of(
                "OrderPlaced", "ORDER_RECEIVED",
                "OrderConfirmed", "ORDER_CONFIRMED",
                "OrderRejected", "ORDER_REJECTED",
                "OrderCancelled", "ORDER_CANCELLED",
                "OrderExpired", "ORDER_EXPIRED");
        Map<String, List<String>> expectedNotifications = new HashMap<>();
        for (var record : journeyRecords(Topics.ORDERS_ORDER)) {
            expectedNotifications
                    .computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(kindOf.get(EventCodec.fromBytes(record.value()).type()));
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String id : orders) {
                assertThat(notificationKindsOf(id))
                        .as("notifications of " + id)
                        .isEqualTo(expectedNotifications.get(id));
            }
        });
        assertThat(count(
                        ServiceDatabase.NOTIFICATION,
                        "SELECT count(*) FROM deliveries d JOIN notifications n ON n.id = d.notification_id"
                                + " WHERE n.order_id = ANY(?) AND d.state <> 'SENT'",
                        (Object) orders.toArray(String[]::new)))
                .as("every notification of the journey delivered")
                .isZero();
        // No dead letter at all on this run's broker topics of the journey.
        assertThat(deadLetters(Topics.deadLetterOf(Topics.ORDERS_ORDER))
                        + deadLetters(Topics.deadLetterOf(Topics.INVENTORY_RESERVATION)))
                .isZero();
    }

    private long catalogCount(String sql, Object... args) throws SQLException {
        return count(ServiceDatabase.CATALOG, sql, args);
    }

    private static long count(ServiceDatabase service, String sql, Object... args) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        ServiceTestInfrastructure.jdbcUrl(service), service.role(), service.password());
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] array) {
                    statement.setArray(i + 1, db.createArrayOf("varchar", array));
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

    /** Letters on a dead-letter topic whose key is one of the journey's orders. */
    private long deadLetters(String topic) {
        return journeyRecords(topic).size();
    }

    /** Every record on {@code topic} whose key is one of the journey's orders, in offset order per partition. */
    private List<ConsumerRecord<String, byte[]>> journeyRecords(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        Infrastructure.forTests().kafka().bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (orders.contains(record.key())) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }
}
