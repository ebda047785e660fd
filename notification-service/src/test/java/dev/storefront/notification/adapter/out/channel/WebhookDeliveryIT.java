package dev.storefront.notification.adapter.out.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.domain.OrderSummary;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhook channel against a real local HTTP endpoint that fails as scripted: retries with backoff until the
 * endpoint accepts, every attempt counted and signed so that the receiver can verify it, parking after the last
 * attempt, and an operator's retry of a parked delivery.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SECRET = "test-only-webhook-secret-0123456789abcdef";
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(400);

    private final WebhookReceiver receiver = new WebhookReceiver();

    @Inject
    EmbeddedServer server;

    @Inject
    RecordOrderNotificationUseCase notifications;

    WebhookDeliveryIT() throws Exception {}

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION));
        properties.put("storefront.notifications.webhook.url", receiver.url().toString());
        properties.put("storefront.notifications.webhook.secret", SECRET);
        properties.put("storefront.notifications.delivery.poll-interval", "50ms");
        properties.put("storefront.notifications.delivery.initial-backoff", INITIAL_BACKOFF.toMillis() + "ms");
        properties.put("storefront.notifications.delivery.max-backoff", "2s");
        properties.put("storefront.notifications.delivery.max-attempts", "3");
        // Notifications are recorded by calling the use case: this instance needs no events.
        properties.put("storefront.messaging.consumer.enabled", "false");
        return properties;
    }

    @AfterAll
    void close() {
        receiver.close();
    }

    private ApiClient api() {
        return ApiClient.at(server.getURI());
    }

    /** Records an order-received notification of {@code order} for a new customer; its id. */
    private String notifyNewCustomer(String customer, String order) {
        notifications.orderPlaced(
                UUID.randomUUID(),
                new OrderSummary(
                        order,
                        CustomerId.of(customer),
                        List.of(new OrderSummary.Line("LAMP-1", 1, Money.of(1250, "EUR"))),
                        Money.of(1250, "EUR")));
        JsonNode page = api().get("/api/v1/notifications", TestTokens.customer(customer))
                .json();
        return page.path("items").get(0).path("id").asText();
    }

    private JsonNode webhookDelivery(String customer, String notification) {
        JsonNode deliveries = api().get(
                        "/api/v1/notifications/" + notification + "/deliveries", TestTokens.customer(customer))
                .json();
        for (JsonNode delivery : deliveries) {
            if ("webhook".equals(delivery.path("channel").asText())) {
                return delivery;
            }
        }
        throw new AssertionError("no webhook delivery in " + deliveries);
    }

    private List<WebhookReceiver.Call> callsFor(String notification) {
        return receiver.calls().stream()
                .filter(call -> new String(call.body(), StandardCharsets.UTF_8).contains(notification))
                .toList();
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffUntilItAcceptsAndEveryAttemptIsSignedAndCounted() {
        AtomicInteger calls = new AtomicInteger();
        String order = UUID.randomUUID().toString();
        receiver.answering(call -> WebhookReceiver.mentions(call, order) && calls.incrementAndGet() <= 2 ? 503 : 204);
        String customer = "retried-" + UUID.randomUUID();
        String notification = notifyNewCustomer(customer, order);

        await().atMost(PATIENCE)
                .until(() -> "SENT"
                        .equals(webhookDelivery(customer, notification)
                                .path("state")
                                .asText()));

        assertThat(webhookDelivery(customer, notification).path("attempts").asInt())
                .isEqualTo(3);
        List<WebhookReceiver.Call> attempts = callsFor(notification);
        assertThat(attempts).hasSize(3);
        Duration firstWait = Duration.ofNanos(
                attempts.get(1).receivedNanos() - attempts.get(0).receivedNanos());
        Duration secondWait = Duration.ofNanos(
                attempts.get(2).receivedNanos() - attempts.get(1).receivedNanos());
        System.out.printf("WEBHOOK retried after %d ms, then %d ms%n", firstWait.toMillis(), secondWait.toMillis());
        assertThat(firstWait)
                .as("backoff: at least half the first step")
                .isGreaterThanOrEqualTo(INITIAL_BACKOFF.dividedBy(2));
        assertThat(secondWait).as("and the step doubles").isGreaterThanOrEqualTo(INITIAL_BACKOFF);
        assertThat(attempts)
                .extracting(call -> call.header(WebhookSignature.DELIVERY_HEADER))
                .as("one delivery id on every attempt, so a receiver can drop repeats")
                .containsOnly(attempts.get(0).header(WebhookSignature.DELIVERY_HEADER));
        WebhookSignature receiverSide = new WebhookSignature(SECRET);
        for (WebhookReceiver.Call call : attempts) {
            assertThat(receiverSide.verify(
                            call.header(WebhookSignature.SIGNATURE_HEADER),
                            call.header(WebhookSignature.TIMESTAMP_HEADER),
                            call.body(),
                            Instant.now(),
                            Duration.ofMinutes(5)))
                    .as("a receiver verifying the signature accepts the request")
                    .isTrue();
        }
        WebhookReceiver.Call accepted = attempts.get(2);
        byte[] tampered = new String(accepted.body(), StandardCharsets.UTF_8)
                .replace("LAMP-1", "LAMP-9")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(receiverSide.verify(
                        accepted.header(WebhookSignature.SIGNATURE_HEADER),
                        accepted.header(WebhookSignature.TIMESTAMP_HEADER),
                        tampered,
                        Instant.now(),
                        Duration.ofMinutes(5)))
                .as("a tampered body is rejected")
                .isFalse();
        assertThat(receiverSide.verify(
                        accepted.header(WebhookSignature.SIGNATURE_HEADER),
                        accepted.header(WebhookSignature.TIMESTAMP_HEADER),
                        accepted.body(),
                        Instant.now().plus(Duration.ofMinutes(10)),
                        Duration.ofMinutes(5)))
                .as("a replay after the tolerance is rejected")
                .isFalse();
        assertThat(new WebhookSignature("another-receivers-secret-0123456789abcdef")
                        .verify(
                                accepted.header(WebhookSignature.SIGNATURE_HEADER),
                                accepted.header(WebhookSignature.TIMESTAMP_HEADER),
                                accepted.body(),
                                Instant.now(),
                                Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void anEndpointThatKeepsFailingIsParkedVisiblyAndAnAdministratorsRetrySendsIt() {
        String order = UUID.randomUUID().toString();
        receiver.answering(call -> WebhookReceiver.mentions(call, order) ? 500 : 204);
        String customer = "parked-" + UUID.randomUUID();
        String notification = notifyNewCustomer(customer, order);

        await().atMost(PATIENCE)
                .until(() -> "FAILED"
                        .equals(webhookDelivery(customer, notification)
                                .path("state")
                                .asText()));
        assertThat(webhookDelivery(customer, notification).path("attempts").asInt())
                .isEqualTo(3);
        assertThat(callsFor(notification)).hasSize(3);
        JsonNode parked = null;
        for (JsonNode delivery : api().get("/admin/notifications/deliveries?state=FAILED&limit=100", TestTokens.admin())
                .json()) {
            if (notification.equals(delivery.path("notificationId").asText())) {
                parked = delivery;
            }
        }
        assertThat(parked).as("listed for operators").isNotNull();
        assertThat(parked.path("lastError").asText()).isEqualTo("webhook answered 500");
        assertThat(parked.path("nextAttemptAt").asText(null)).isNull();
        String retry = "/admin/notifications/deliveries/" + parked.path("id").asText() + "/retry";
        assertThat(api().postJson(retry, TestTokens.customer(customer), "{}").status())
                .as("only administrators retry")
                .isEqualTo(403);

        receiver.answering(call -> 200);
        ApiClient.Response retried = api().postJson(retry, TestTokens.admin(), "{}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("state").asText()).isEqualTo("PENDING");
        await().atMost(PATIENCE)
                .until(() -> "SENT"
                        .equals(webhookDelivery(customer, notification)
                                .path("state")
                                .asText()));
        assertThat(callsFor(notification)).hasSize(4);
        ApiClient.Response again = api().postJson(retry, TestTokens.admin(), "{}");
        assertThat(again.status()).as("a sent delivery is not parked").isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("conflict");
    }

    @Test
    void theDeliveryMetricsCountAttemptsByOutcome() {
        ApiClient.Response metrics = api().get("/prometheus", TestTokens.admin(), "text/plain");
        assertThat(metrics.body())
                .contains("storefront_notifications_delivery_attempts_total")
                .contains("storefront_notifications_deliveries{")
                .contains("storefront_notifications_streams_open");
    }
}
