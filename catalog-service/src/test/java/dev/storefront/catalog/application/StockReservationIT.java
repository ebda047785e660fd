package dev.storefront.catalog.application;

import static dev.storefront.catalog.CatalogTestData.count;
import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.catalog.application.port.in.ReserveStockUseCase;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.Traceparent;
import dev.storefront.events.order.OrderCancelled;
import dev.storefront.events.order.OrderConfirmed;
import dev.storefront.events.order.OrderLine;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.Sku;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Stock reservation against real Postgres, and driven by real order events through Kafka. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockReservationIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CATEGORY = "reservation-test";

    @Inject
    ReserveStockUseCase reservations;

    private final KafkaProducer<String, byte[]> orders = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    Infrastructure.forTests().kafka().bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new java.util.HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        // The sweeper releases what is held past its deadline at once here (production waits 15 minutes more).
        properties.put("storefront.catalog.reservations.sweep.interval", "300ms");
        properties.put("storefront.catalog.reservations.sweep.grace", "0s");
        return properties;
    }

    @AfterAll
    void close() {
        orders.close();
    }

    private static long stockOf(String sku, String column) throws SQLException {
        return count("SELECT " + column + " FROM stock WHERE sku = ?", sku);
    }

    private static long reservationEvents(String type, List<String> orderIds) throws SQLException {
        return count(
                "SELECT count(*) FROM outbox WHERE event_type = ? AND message_key = ANY(?)",
                type,
                orderIds.toArray(String[]::new));
    }

    @Test
    void fiftyConcurrentOrdersForTheLastTenUnitsReserveExactlyTen() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Last chairs", CATEGORY, 4999, 10);
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<String> orderIds = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String orderId = "order-" + UUID.randomUUID();
            orderIds.add(orderId);
            done.add(buyers.submit(() -> {
                go.await();
                reservations.reserve(new ReserveStockUseCase.ReserveStock(
                        orderId,
                        List.of(new ReservationLine(Sku.of(sku), 1)),
                        Instant.now().plusSeconds(900)));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> buyer : done) {
            buyer.get();
        }
        buyers.shutdown();

        assertThat(stockOf(sku, "reserved")).isEqualTo(10);
        assertThat(stockOf(sku, "on_hand")).isEqualTo(10);
        assertThat(count(
                        "SELECT count(*) FROM reservations r JOIN reservation_lines l USING (order_id)"
                                + " WHERE l.sku = ? AND r.state = 'HELD'",
                        sku))
                .isEqualTo(10);
        assertThat(reservationEvents("InventoryReserved", orderIds)).isEqualTo(10);
        assertThat(reservationEvents("InventoryRejected", orderIds)).isEqualTo(40);
    }

    private void publish(String orderId, EventEnvelope event) throws Exception {
        orders.send(new ProducerRecord<>(Topics.ORDERS_ORDER, orderId, EventCodec.toBytes(event)))
                .get();
    }

    private static EventEnvelope placed(String orderId, String sku, int quantity) {
        return placed(orderId, sku, quantity, Duration.ofSeconds(900));
    }

    private static EventEnvelope placed(String orderId, String sku, int quantity, Duration timeToConfirm) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return EventCodec.envelope(
                EventCatalog.ORDER_PLACED,
                new OrderPlaced(
                        orderId,
                        "alice",
                        List.of(new OrderLine(sku, quantity, 4999)),
                        "EUR",
                        4999L * quantity,
                        now,
                        now.plus(timeToConfirm)),
                "order-service",
                orderId,
                orderId,
                null,
                Traceparent.newRoot(),
                now);
    }

    @Test
    void anOrderPlacedEventReservesAndItsConfirmationSellsTheUnits() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Oak table", CATEGORY, 19999, 5);
        String orderId = "order-" + UUID.randomUUID();
        EventEnvelope placed = placed(orderId, sku, 2);

        publish(orderId, placed);
        publish(orderId, placed);

        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 2);
        await().atMost(PATIENCE).until(() -> reservationEvents("InventoryReserved", List.of(orderId)) == 1);
        String causation = String.valueOf(count(
                "SELECT count(*) FROM outbox WHERE message_key = ? AND (envelope::jsonb ->> 'causationId') = ?",
                orderId,
                placed.id()));
        assertThat(causation)
                .as("the reservation event names the OrderPlaced that caused it")
                .isEqualTo("1");

        publish(
                orderId,
                EventCodec.envelope(
                        EventCatalog.ORDER_CONFIRMED,
                        new OrderConfirmed(orderId, "alice"),
                        "order-service",
                        orderId,
                        orderId,
                        null,
                        Traceparent.newRoot(),
                        Instant.now()));

        await().atMost(PATIENCE).until(() -> stockOf(sku, "on_hand") == 3);
        assertThat(stockOf(sku, "reserved")).isZero();
    }

    @Test
    void linesNamingTheSameProductTwiceAreAddedUpAndOversizedOrdersAreRejectedNotLost() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Birch stool", CATEGORY, 2999, 5);
        String twice = "order-" + UUID.randomUUID();
        String huge = "order-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publish(
                twice,
                EventCodec.envelope(
                        EventCatalog.ORDER_PLACED,
                        new OrderPlaced(
                                twice,
                                "alice",
                                List.of(new OrderLine(sku, 1, 2999), new OrderLine(sku, 2, 2999)),
                                "EUR",
                                8997,
                                now,
                                now.plusSeconds(900)),
                        "order-service",
                        twice,
                        twice,
                        null,
                        Traceparent.newRoot(),
                        now));
        publish(huge, placed(huge, sku, 5000));

        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 3);
        await().atMost(PATIENCE).until(() -> reservationEvents("InventoryRejected", List.of(huge)) == 1);
    }

    @Test
    void unitsHeldForAnOrderThatNeverAnswersAreReleasedOnceItsDeadlinePasses() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Orphaned stool", CATEGORY, 2999, 6);
        String orderId = "order-" + UUID.randomUUID();

        publish(orderId, placed(orderId, sku, 4, Duration.ofSeconds(2)));
        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 4);
        // No confirmation, cancellation or expiry ever comes for this order.

        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 0);
        assertThat(stockOf(sku, "on_hand")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM reservations WHERE order_id = ? AND state = 'RELEASED'", orderId))
                .isOne();
        assertThat(count(
                        "SELECT count(*) FROM outbox WHERE message_key = ? AND event_type = 'InventoryReleased'"
                                + " AND (envelope::jsonb -> 'data' ->> 'reason') = 'ORDER_EXPIRED'",
                        orderId))
                .isOne();
    }

    @Test
    void aCancellationThatArrivesBeforeItsOrderLeavesATombstoneSoTheLateReserveHoldsNothing() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Late sofa", CATEGORY, 59999, 3);
        String orderId = "order-" + UUID.randomUUID();
        EventEnvelope placed = placed(orderId, sku, 2);

        // As after a dead-lettered OrderPlaced is redriven behind its OrderCancelled.
        publish(
                orderId,
                EventCodec.envelope(
                        EventCatalog.ORDER_CANCELLED,
                        new OrderCancelled(orderId, "alice", "changed my mind"),
                        "order-service",
                        orderId,
                        orderId,
                        null,
                        Traceparent.newRoot(),
                        Instant.now()));
        publish(orderId, placed);

        await().atMost(PATIENCE)
                .until(() -> count("SELECT count(*) FROM inbox WHERE event_id = ?::uuid", placed.id()) == 1);
        assertThat(count("SELECT count(*) FROM reservation_tombstones WHERE order_id = ?", orderId))
                .isOne();
        assertThat(count("SELECT count(*) FROM reservations WHERE order_id = ?", orderId))
                .isZero();
        assertThat(stockOf(sku, "reserved")).isZero();
        assertThat(reservationEvents("InventoryReserved", List.of(orderId))).isZero();
    }

    @Test
    void aCancelledOrderReleasesItsReservation() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Pine bench", CATEGORY, 9999, 4);
        String orderId = "order-" + UUID.randomUUID();
        publish(orderId, placed(orderId, sku, 3));
        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 3);

        publish(
                orderId,
                EventCodec.envelope(
                        EventCatalog.ORDER_CANCELLED,
                        new OrderCancelled(orderId, "alice", "changed my mind"),
                        "order-service",
                        orderId,
                        orderId,
                        null,
                        Traceparent.newRoot(),
                        Instant.now()));

        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 0);
        assertThat(stockOf(sku, "on_hand")).isEqualTo(4);
    }

    @Test
    void aConfirmedOrderThatIsCancelledPutsItsSoldUnitsBackOnce() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Cedar chest", CATEGORY, 9999, 5);
        String orderId = "order-" + UUID.randomUUID();
        publish(orderId, placed(orderId, sku, 2));
        await().atMost(PATIENCE).until(() -> stockOf(sku, "reserved") == 2);
        publish(orderId, orderEvent(EventCatalog.ORDER_CONFIRMED, new OrderConfirmed(orderId, "alice"), orderId));
        await().atMost(PATIENCE).until(() -> stockOf(sku, "on_hand") == 3);

        EventEnvelope cancelled =
                orderEvent(EventCatalog.ORDER_CANCELLED, new OrderCancelled(orderId, "alice", "too late"), orderId);
        publish(orderId, cancelled);
        publish(orderId, cancelled);
        publish(
                orderId,
                orderEvent(EventCatalog.ORDER_CANCELLED, new OrderCancelled(orderId, "alice", "again"), orderId));

        await().atMost(PATIENCE).until(() -> stockOf(sku, "on_hand") == 5);
        await().atMost(PATIENCE)
                .until(() ->
                        count("SELECT count(*) FROM reservations WHERE order_id = ? AND state = 'RELEASED'", orderId)
                                == 1);
        assertThat(stockOf(sku, "reserved")).isZero();
        assertThat(stockOf(sku, "on_hand"))
                .as("put back once, however often the cancellation arrives")
                .isEqualTo(5);
    }

    private static <T> EventEnvelope orderEvent(dev.storefront.events.EventType<T> type, T payload, String orderId) {
        return EventCodec.envelope(
                type, payload, "order-service", orderId, orderId, null, Traceparent.newRoot(), Instant.now());
    }

    @Test
    void anOrderForAnUnknownProductIsRejectedWithTheReasonPerLine() throws Exception {
        String orderId = "order-" + UUID.randomUUID();

        publish(orderId, placed(orderId, "NO-SUCH-SKU", 1));

        await().atMost(PATIENCE).until(() -> reservationEvents("InventoryRejected", List.of(orderId)) == 1);
        assertThat(count(
                        "SELECT count(*) FROM outbox WHERE message_key = ?"
                                + " AND envelope::jsonb #>> '{data,lines,0,reason}' = 'UNKNOWN_SKU'",
                        orderId))
                .isEqualTo(1);
    }
}
