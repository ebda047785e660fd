package dev.storefront.order.adapter.in.web;

import static dev.storefront.order.OrderTestSupport.count;
import static dev.storefront.order.OrderTestSupport.newSku;
import static dev.storefront.order.OrderTestSupport.outboxEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.Traceparent;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.events.inventory.InventoryReserved;
import dev.storefront.events.inventory.RejectedLine;
import dev.storefront.events.inventory.ReservedLine;
import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checkout, the saga's order side and the order queries, through real HTTP, Postgres, Redis and Kafka; catalog's
 * product API is a server the test controls, catalog's reservation answers are events the test publishes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutApiIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final FakeCatalog catalog = FakeCatalog.start();
    private final KafkaProducer<String, byte[]> inventory = OrderTestSupport.eventProducer();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return OrderTestSupport.properties(catalog);
    }

    @AfterAll
    void close() {
        catalog.close();
        inventory.close();
    }

    private ApiClient api() {
        return ApiClient.at(server.getURI());
    }

    private static String customer() {
        return "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A cart of {@code token}'s customer holding the given SKUs, one unit each at the given prices. */
    private String cartWith(String token, Map<String, Long> prices) {
        String cart = api().send("POST", "/api/v1/carts", token, Map.of(), null)
                .json()
                .path("id")
                .asText();
        prices.forEach((sku, price) -> {
            catalog.product(sku, price, true);
            assertThat(api().send("PUT", "/api/v1/carts/" + cart + "/items/" + sku, token, Map.of(), "{\"quantity\":2}")
                            .status())
                    .isEqualTo(200);
        });
        return cart;
    }

    private ApiClient.Response checkout(String token, String cart, String key) {
        Map<String, String> headers = key == null ? Map.of() : Map.of("Idempotency-Key", key);
        return api().send("POST", "/api/v1/orders", token, headers, "{\"cartId\":\"" + cart + "\"}");
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    @Test
    void checkoutPlacesAPendingOrderAnnouncesItAndEmptiesTheCart() throws Exception {
        String token = TestTokens.customer(customer());
        String sku = newSku();
        String cart = cartWith(token, Map.of(sku, 2_500L));

        ApiClient.Response placed = checkout(token, cart, key());

        assertThat(placed.status()).isEqualTo(201);
        String orderId = placed.json().path("id").asText();
        assertThat(placed.header("Location")).isEqualTo("/api/v1/orders/" + orderId);
        assertThat(placed.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(placed.json().path("total").path("amountMinor").asLong()).isEqualTo(5_000);
        assertThat(placed.json()
                        .path("lines")
                        .get(0)
                        .path("unitPrice")
                        .path("amountMinor")
                        .asLong())
                .isEqualTo(2_500);
        assertThat(outboxEvents("OrderPlaced", orderId)).isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM outbox WHERE message_key = ? AND (envelope::jsonb #>> '{data,totalMinor}') = '5000'",
                        orderId))
                .isEqualTo(1);
        assertThat(api().get("/api/v1/carts/" + cart, token).json().path("lines"))
                .isEmpty();
        assertThat(api().get(placed.header("Location"), token)
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("PENDING");
    }

    @Test
    void theSameKeyAndRequestReplaysTheOriginalResponseEvenAfterTheOrderMovedOn() throws Exception {
        String token = TestTokens.customer(customer());
        String cart = cartWith(token, Map.of(newSku(), 900L));
        String key = key();
        ApiClient.Response first = checkout(token, cart, key);
        String orderId = first.json().path("id").asText();
        publish(orderId, reserved(orderId));
        await().atMost(PATIENCE)
                .until(
                        () -> api().get("/api/v1/orders/" + orderId, token)
                                .json()
                                .path("status")
                                .asText(),
                        "CONFIRMED"::equals);

        ApiClient.Response again = checkout(token, cart, key);

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(outboxEvents("OrderPlaced", orderId)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndPlacesNothing() throws Exception {
        String customer = customer();
        String token = TestTokens.customer(customer);
        String key = key();
        checkout(token, cartWith(token, Map.of(newSku(), 900L)), key);
        String otherCart = cartWith(token, Map.of(newSku(), 400L));

        ApiClient.Response reused = checkout(token, otherCart, key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemType()).isEqualTo("unprocessable-content");
        assertThat(reused.json().path("code").asText()).isEqualTo("idempotency-key-reused");
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer))
                .isEqualTo(1);
        assertThat(api().get("/api/v1/carts/" + otherCart, token).json().path("lines"))
                .hasSize(1);
    }

    @Test
    void keysArePerCustomer() throws Exception {
        String key = key();
        String alice = TestTokens.customer(customer());
        String bob = TestTokens.customer(customer());

        ApiClient.Response hers = checkout(alice, cartWith(alice, Map.of(newSku(), 100L)), key);
        ApiClient.Response his = checkout(bob, cartWith(bob, Map.of(newSku(), 100L)), key);

        assertThat(hers.status()).isEqualTo(201);
        assertThat(his.status()).isEqualTo(201);
        assertThat(his.json().path("id").asText())
                .isNotEqualTo(hers.json().path("id").asText());
    }

    @Test
    void tenConcurrentRequestsWithOneKeyPlaceOneOrderAndOneEvent() throws Exception {
        String customer = customer();
        String token = TestTokens.customer(customer);
        String cart = cartWith(token, Map.of(newSku(), 1_999L, newSku(), 350L));
        String key = key();
        ExecutorService clients = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(clients.submit(() -> {
                go.await();
                return checkout(token, cart, key);
            }));
        }
        go.countDown();
        Set<String> orderIds = new HashSet<>();
        Set<JsonNode> bodies = new HashSet<>();
        for (Future<ApiClient.Response> answer : answers) {
            ApiClient.Response response = answer.get();
            assertThat(response.status()).isEqualTo(201);
            orderIds.add(response.json().path("id").asText());
            bodies.add(response.json());
        }
        clients.shutdown();

        assertThat(orderIds).hasSize(1);
        assertThat(bodies).hasSize(1);
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer))
                .isEqualTo(1);
        assertThat(outboxEvents("OrderPlaced", orderIds.iterator().next())).isEqualTo(1);
    }

    @Test
    void checkoutWithoutAKeyOrWithAnEmptyOrForeignCartIsRefused() throws Exception {
        String customer = customer();
        String token = TestTokens.customer(customer);
        String cart = cartWith(token, Map.of(newSku(), 100L));
        String empty = api().send("POST", "/api/v1/carts", token, Map.of(), null)
                .json()
                .path("id")
                .asText();

        ApiClient.Response noKey = checkout(token, cart, null);
        ApiClient.Response shortKey = checkout(token, cart, "abc");
        ApiClient.Response emptyCart = checkout(token, empty, key());
        ApiClient.Response foreign = checkout(TestTokens.customer(customer()), cart, key());
        ApiClient.Response smuggled = api().send(
                        "POST",
                        "/api/v1/orders",
                        token,
                        Map.of("Idempotency-Key", key()),
                        "{\"cartId\":\"" + cart
                                + "\",\"total\":{\"amountMinor\":1},\"status\":\"CONFIRMED\",\"customerId\":\"x\"}");

        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().path("code").asText()).isEqualTo("idempotency-key-required");
        assertThat(shortKey.json().path("code").asText()).isEqualTo("invalid-idempotency-key");
        assertThat(emptyCart.status()).isEqualTo(409);
        assertThat(emptyCart.json().path("code").asText()).isEqualTo("empty-cart");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(smuggled.status()).isEqualTo(201);
        assertThat(smuggled.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(smuggled.json().path("total").path("amountMinor").asLong()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer))
                .as("only the smuggling request placed an order, at the server's prices")
                .isEqualTo(1);
    }

    @Inject
    dev.storefront.order.application.port.in.ForgetProductUseCase prices;

    @Test
    void aPriceThatMovedSinceTheCartWasFilledIsReportedNotCharged() throws Exception {
        String customer = customer();
        String token = TestTokens.customer(customer);
        String sku = newSku();
        String cart = cartWith(token, Map.of(sku, 1_000L));
        catalog.product(sku, 1_300, true);
        prices.productChanged(dev.storefront.kernel.Sku.of(sku));

        ApiClient.Response refused = checkout(token, cart, key());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("price-changed");
        assertThat(refused.json().path("detail").asText()).contains(sku).contains("1000 -> 1300");
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer))
                .isZero();
        JsonNode requoted = api().get("/api/v1/carts/" + cart, token).json();
        assertThat(requoted.path("lines")
                        .get(0)
                        .path("quotedPrice")
                        .path("amountMinor")
                        .asLong())
                .isEqualTo(1_300);

        ApiClient.Response accepted = checkout(token, cart, key());
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().path("total").path("amountMinor").asLong()).isEqualTo(2_600);
    }

    @Test
    void aReservationConfirmsTheOrderAndIsAnnouncedOnceEvenWhenDeliveredTwice() throws Exception {
        String token = TestTokens.customer(customer());
        String orderId = checkout(token, cartWith(token, Map.of(newSku(), 100L)), key())
                .json()
                .path("id")
                .asText();
        EventEnvelope reserved = reserved(orderId);

        publish(orderId, reserved);
        publish(orderId, reserved);
        publish(orderId, reserved(orderId));

        await().atMost(PATIENCE).until(() -> outboxEvents("OrderConfirmed", orderId) == 1);
        JsonNode order = api().get("/api/v1/orders/" + orderId, token).json();
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("history")).hasSize(2);
        assertThat(count(
                        "SELECT count(*) FROM outbox WHERE message_key = ? AND event_type = 'OrderConfirmed'"
                                + " AND (envelope::jsonb ->> 'causationId') = ?",
                        orderId,
                        reserved.id()))
                .as("the confirmation names the reservation that caused it")
                .isEqualTo(1);
    }

    @Test
    void aRejectionRejectsTheOrderWithEachLinesReason() throws Exception {
        String token = TestTokens.customer(customer());
        String sku = newSku();
        String orderId = checkout(token, cartWith(token, Map.of(sku, 100L)), key())
                .json()
                .path("id")
                .asText();

        publish(
                orderId,
                envelope(
                        EventCatalog.INVENTORY_REJECTED,
                        new InventoryRejected(orderId, List.of(new RejectedLine(sku, 2, 1, "INSUFFICIENT_STOCK"))),
                        orderId));

        await().atMost(PATIENCE).until(() -> outboxEvents("OrderRejected", orderId) == 1);
        JsonNode order = api().get("/api/v1/orders/" + orderId, token).json();
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("rejections").get(0).path("reason").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(order.path("rejections").get(0).path("available").asInt()).isEqualTo(1);
        assertThat(order.path("history").get(1).path("reason").asText()).contains(sku);
    }

    @Test
    void aCustomerCancelsTheirOrderOnceAndCannotTouchAnotherCustomersOrder() throws Exception {
        String token = TestTokens.customer(customer());
        String mallory = TestTokens.customer(customer());
        String orderId = checkout(token, cartWith(token, Map.of(newSku(), 100L)), key())
                .json()
                .path("id")
                .asText();
        String cancel = "/api/v1/orders/" + orderId + "/cancel";

        ApiClient.Response stolenRead = api().get("/api/v1/orders/" + orderId, mallory);
        ApiClient.Response stolenCancel = api().send("POST", cancel, mallory, Map.of(), "{}");
        ApiClient.Response cancelled = api().send("POST", cancel, token, Map.of(), "{\"reason\":\"found it cheaper\"}");
        ApiClient.Response again = api().send("POST", cancel, token, Map.of(), "{}");

        assertThat(stolenRead.status()).isEqualTo(404);
        assertThat(stolenRead.json().path("code").asText()).isEqualTo("unknown-order");
        assertThat(stolenRead.body())
                .doesNotContain("amountMinor")
                .doesNotContain("PENDING")
                .doesNotContain("lines");
        assertThat(stolenCancel.status()).isEqualTo(404);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(outboxEvents("OrderCancelled", orderId)).isEqualTo(1);
        assertThat(api().get("/api/v1/orders/" + orderId, TestTokens.admin()).status())
                .as("an administrator may read any order")
                .isEqualTo(200);

        EventEnvelope late = reserved(orderId);
        publish(orderId, late);
        await().atMost(PATIENCE)
                .until(() -> count("SELECT count(*) FROM inbox WHERE event_id = ?", UUID.fromString(late.id())) == 1);
        assertThat(api().get("/api/v1/orders/" + orderId, token)
                        .json()
                        .path("status")
                        .asText())
                .as("a reservation after cancellation is never confirmed")
                .isEqualTo("CANCELLED");
        assertThat(outboxEvents("OrderConfirmed", orderId)).isZero();
    }

    @Test
    void aCancellationBehindARowLockAnotherSessionHoldsAnswers503WithinTheLockTimeoutAndChangesNothing()
            throws Exception {
        String token = TestTokens.customer(customer());
        String orderId = checkout(token, cartWith(token, Map.of(newSku(), 100L)), key())
                .json()
                .path("id")
                .asText();
        String cancel = "/api/v1/orders/" + orderId + "/cancel";

        try (java.sql.Connection other = java.sql.DriverManager.getConnection(
                        dev.storefront.testing.ServiceTestInfrastructure.jdbcUrl(
                                dev.storefront.infra.ServiceDatabase.ORDERS),
                        dev.storefront.infra.ServiceDatabase.ORDERS.role(),
                        dev.storefront.infra.ServiceDatabase.ORDERS.password());
                java.sql.PreparedStatement lock =
                        other.prepareStatement("SELECT status FROM orders WHERE id = ? FOR UPDATE")) {
            other.setAutoCommit(false);
            lock.setObject(1, UUID.fromString(orderId));
            lock.executeQuery().close();

            long started = System.nanoTime();
            ApiClient.Response busy = api().send("POST", cancel, token, Map.of(), "{}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            other.rollback();

            assertThat(took)
                    .as("the lock timeout (2 s), not the other session, ends the wait")
                    .isLessThan(Duration.ofMillis(4_500));
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.json().path("code").asText()).isEqualTo("database-busy");
            assertThat(busy.header("Retry-After")).isNotBlank();
        }
        assertThat(outboxEvents("OrderCancelled", orderId)).isZero();
        assertThat(api().send("POST", cancel, token, Map.of(), "{}")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void cancellingARejectedOrderIsAnIllegalTransition() throws Exception {
        String token = TestTokens.customer(customer());
        String sku = newSku();
        String orderId = checkout(token, cartWith(token, Map.of(sku, 100L)), key())
                .json()
                .path("id")
                .asText();
        publish(
                orderId,
                envelope(
                        EventCatalog.INVENTORY_REJECTED,
                        new InventoryRejected(orderId, List.of(new RejectedLine(sku, 2, 0, "INSUFFICIENT_STOCK"))),
                        orderId));
        await().atMost(PATIENCE).until(() -> outboxEvents("OrderRejected", orderId) == 1);

        ApiClient.Response refused = api().send("POST", "/api/v1/orders/" + orderId + "/cancel", token, Map.of(), "{}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("illegal-transition");
        assertThat(outboxEvents("OrderCancelled", orderId)).isZero();
    }

    @Test
    void aCustomerListsTheirOrdersNewestFirstAPageAtATimeAndByStatus() throws Exception {
        String token = TestTokens.customer(customer());
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(checkout(token, cartWith(token, Map.of(newSku(), 100L)), key())
                    .json()
                    .path("id")
                    .asText());
        }
        api().send("POST", "/api/v1/orders/" + placed.get(0) + "/cancel", token, Map.of(), "{}");

        JsonNode first = api().get("/api/v1/orders?limit=2", token).json();
        JsonNode second = api().get(
                        "/api/v1/orders?limit=2&cursor="
                                + first.path("nextCursor").asText(),
                        token)
                .json();
        JsonNode cancelled = api().get("/api/v1/orders?status=cancelled", token).json();

        assertThat(first.path("items"))
                .extracting(n -> n.path("id").asText())
                .containsExactly(placed.get(2), placed.get(1));
        assertThat(second.path("items")).extracting(n -> n.path("id").asText()).containsExactly(placed.get(0));
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(cancelled.path("items"))
                .extracting(n -> n.path("id").asText())
                .containsExactly(placed.get(0));
        assertThat(api().get("/api/v1/orders?cursor=garbage", token)
                        .json()
                        .path("code")
                        .asText())
                .isEqualTo("invalid-cursor");
        assertThat(api().get("/api/v1/orders?status=LOST", token).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/orders?limit=1000", token).status()).isEqualTo(400);
    }

    @Test
    void aCatalogThatIsDownMakesCheckoutAServiceUnavailableProblemAndPlacesNothing() throws Exception {
        String customer = customer();
        String token = TestTokens.customer(customer);
        String sku = newSku();
        String cart = cartWith(token, Map.of(sku, 100L));
        prices.productChanged(dev.storefront.kernel.Sku.of(sku));
        catalog.answerAfter(Duration.ofSeconds(10));
        try {
            long started = System.nanoTime();
            ApiClient.Response answer = checkout(token, cart, key());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().path("code").asText()).isEqualTo("catalog-unavailable");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customer))
                    .isZero();
        } finally {
            catalog.answerAfter(Duration.ZERO);
            String probe = newSku();
            catalog.product(probe, 100, true);
            await().atMost(PATIENCE)
                    .until(() -> api().send(
                                            "PUT",
                                            "/api/v1/carts/" + cart + "/items/" + probe,
                                            token,
                                            Map.of(),
                                            "{\"quantity\":1}")
                                    .status()
                            == 200);
        }
    }

    private void publish(String orderId, EventEnvelope event) throws Exception {
        inventory
                .send(new ProducerRecord<>(Topics.INVENTORY_RESERVATION, orderId, EventCodec.toBytes(event)))
                .get();
    }

    private static EventEnvelope reserved(String orderId) {
        return envelope(
                EventCatalog.INVENTORY_RESERVED,
                new InventoryReserved(
                        orderId,
                        List.of(new ReservedLine("SKU-1", 1)),
                        Instant.now().plusSeconds(900)),
                orderId);
    }

    private static <T> EventEnvelope envelope(dev.storefront.events.EventType<T> type, T payload, String orderId) {
        return EventCodec.envelope(
                type, payload, "catalog-service", orderId, orderId, null, Traceparent.newRoot(), Instant.now());
    }
}
