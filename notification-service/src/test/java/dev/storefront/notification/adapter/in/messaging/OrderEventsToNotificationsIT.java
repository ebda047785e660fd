package dev.storefront.notification.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.domain.OrderSummary;
import dev.storefront.notification.support.NotificationDb;
import dev.storefront.notification.support.OrderEvents;
import dev.storefront.notification.support.WebhookReceiver;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Order events from the real broker become notifications through the inbox, with a webhook endpoint (a real local
 * HTTP server) configured as a second channel: exactly one notification and one webhook call per event however often
 * Kafka delivers it, texts rendered from the templates, and events this service cannot use parked as dead letters
 * while consumption goes on.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEventsToNotificationsIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final OrderEvents events = new OrderEvents();

    @Inject
    EmbeddedServer server;

    @Inject
    RecordOrderNotificationUseCase record;

    OrderEventsToNotificationsIT() throws Exception {}

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION));
        properties.put("storefront.notifications.webhook.url", receiver.url().toString());
        properties.put("storefront.notifications.webhook.secret", WebhookSecret.VALUE);
        properties.put("storefront.notifications.delivery.poll-interval", "100ms");
        return properties;
    }

    @AfterAll
    void close() {
        events.close();
        receiver.close();
    }

    private ApiClient api() {
        return ApiClient.at(server.getURI());
    }

    private List<JsonNode> notificationsOf(String customer) {
        JsonNode page = api().get("/api/v1/notifications?limit=100", TestTokens.customer(customer))
                .json();
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    private List<WebhookReceiver.Call> webhookCallsFor(String notificationId) {
        return receiver.calls().stream()
                .filter(call -> new String(call.body(), StandardCharsets.UTF_8).contains(notificationId))
                .toList();
    }

    private List<JsonNode> deadLettersOf(String key) {
        JsonNode letters = api().get("/admin/dead-letters/" + Topics.ORDERS_ORDER + "?limit=500", TestTokens.admin())
                .json();
        return StreamSupport.stream(letters.spliterator(), false)
                .filter(letter -> key.equals(letter.path("key").asText()))
                .toList();
    }

    @Test
    void anOrderEventDeliveredThreeTimesMakesOneNotificationAndOneWebhookCall() throws Exception {
        String customer = "thrice-" + UUID.randomUUID();
        String order = OrderEvents.newOrderId();
        events.send(OrderEvents.placed(order, customer));
        EventEnvelope confirmed = OrderEvents.confirmed(order, customer);
        for (int i = 0; i < 3; i++) {
            events.send(confirmed);
        }

        await().atMost(PATIENCE).until(() -> notificationsOf(customer).size() == 2);
        String confirmation = notificationsOf(customer).get(0).path("id").asText();
        await().atMost(PATIENCE).until(() -> webhookCallsFor(confirmation).size() == 1);
        // Give the second and third copies every chance to do harm.
        await().during(Duration.ofSeconds(2))
                .atMost(PATIENCE)
                .until(() -> notificationsOf(customer).size() == 2
                        && webhookCallsFor(confirmation).size() == 1);

        List<JsonNode> listed = notificationsOf(customer);
        assertThat(listed)
                .extracting(n -> n.path("kind").asText())
                .containsExactly("ORDER_CONFIRMED", "ORDER_RECEIVED");
        JsonNode deliveries = api().get(
                        "/api/v1/notifications/" + confirmation + "/deliveries", TestTokens.customer(customer))
                .json();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.findValuesAsText("channel")).containsExactly("recorded", "webhook");
        assertThat(deliveries.findValuesAsText("state")).containsExactly("SENT", "SENT");
    }

    @Test
    void aConfirmationNamesTheLinesAndTheTotalRememberedFromThePlacedOrder() throws Exception {
        String customer = "lines-" + UUID.randomUUID();
        String order = OrderEvents.newOrderId();
        events.send(OrderEvents.placed(order, customer));
        events.send(OrderEvents.confirmed(order, customer));

        await().atMost(PATIENCE).until(() -> notificationsOf(customer).size() == 2);
        JsonNode confirmation = notificationsOf(customer).get(0);

        assertThat(confirmation.path("subject").asText()).isEqualTo("Your order " + order + " is confirmed");
        assertThat(confirmation.path("orderId").asText()).isEqualTo(order);
        assertThat(confirmation.path("body").asText())
                .contains("- 2 x LAMP-1 at 12.50 EUR: 25.00 EUR")
                .contains("- 1 x CHAIR-7 at 49.99 EUR: 49.99 EUR")
                .contains("Total: 74.99 EUR");
        assertThat(confirmation.path("read").asBoolean()).isFalse();
        assertThat(confirmation.has("sequence"))
                .as("no internal field leaves the service")
                .isFalse();
        assertThat(confirmation.has("customerId")).isFalse();
    }

    @Test
    void rejectionsAndCancellationsCarryTheirReason() throws Exception {
        String customer = "reasons-" + UUID.randomUUID();
        String rejectedOrder = OrderEvents.newOrderId();
        String cancelledOrder = OrderEvents.newOrderId();
        events.send(OrderEvents.placed(rejectedOrder, customer));
        events.send(OrderEvents.rejected(rejectedOrder, customer, "LAMP-1: only 1 left"));
        events.send(OrderEvents.placed(cancelledOrder, customer));
        events.send(OrderEvents.cancelled(cancelledOrder, customer, "changed my mind"));

        await().atMost(PATIENCE).until(() -> notificationsOf(customer).size() == 4);
        Map<String, JsonNode> byKind = new HashMap<>();
        notificationsOf(customer).forEach(n -> byKind.put(n.path("kind").asText(), n));

        assertThat(byKind.get("ORDER_REJECTED").path("body").asText()).contains("Reason: LAMP-1: only 1 left.");
        assertThat(byKind.get("ORDER_REJECTED").path("orderId").asText()).isEqualTo(rejectedOrder);
        assertThat(byKind.get("ORDER_CANCELLED").path("body").asText()).contains("Reason: changed my mind.");
    }

    @Test
    void poisonUnknownAndOrphanEventsBecomeDeadLettersAndConsumptionGoesOn() throws Exception {
        String customer = "poison-" + UUID.randomUUID();
        String order = OrderEvents.newOrderId();
        String orphan = OrderEvents.newOrderId();
        // Same key, so the same partition: what comes after the bad records is only consumed if they are passed.
        events.send(order, "{not json".getBytes(StandardCharsets.UTF_8));
        EventEnvelope placed = OrderEvents.placed(order, customer);
        // Another event id than the real OrderPlaced below, so the inbox cannot confuse the two.
        String unknownType = EventCodec.tree(OrderEvents.placed(order, customer))
                .toString()
                .replace("\"OrderPlaced\"", "\"OrderShipped\"");
        events.send(order, unknownType.getBytes(StandardCharsets.UTF_8));
        events.send(OrderEvents.confirmed(orphan, customer));
        events.send(placed);

        await().atMost(PATIENCE).until(() -> notificationsOf(customer).size() == 1);
        await().atMost(PATIENCE)
                .until(() -> deadLettersOf(order).size() == 2
                        && deadLettersOf(orphan).size() == 1);
        List<String> reasons = new ArrayList<>();
        for (JsonNode letter : deadLettersOf(orphan)) {
            letter.path("headers")
                    .fields()
                    .forEachRemaining(h -> reasons.add(h.getValue().asText()));
        }
        assertThat(String.join(" ", reasons)).contains("never seen placed");
    }

    @Test
    void anEventReplayedPastTheInboxStillMakesOneNotificationAndOneDeliveryPerChannel() {
        // As when a new consumer group reads the topic from the start: the inbox has not seen the event, the
        // notifications table has.
        String customer = "replayed-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        OrderSummary order = new OrderSummary(
                OrderEvents.newOrderId(),
                CustomerId.of(customer),
                List.of(new OrderSummary.Line("LAMP-1", 1, Money.of(1250, "EUR"))),
                Money.of(1250, "EUR"));

        record.orderPlaced(eventId, order);
        record.orderPlaced(eventId, order);

        assertThat(notificationsOf(customer)).hasSize(1);
        assertThat(NotificationDb.count(
                        "SELECT count(*) FROM deliveries d JOIN notifications n ON n.id = d.notification_id"
                                + " WHERE n.customer_id = ?",
                        customer))
                .isEqualTo(2);
    }
}
