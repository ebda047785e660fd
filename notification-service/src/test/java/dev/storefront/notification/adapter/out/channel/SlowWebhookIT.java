package dev.storefront.notification.adapter.out.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.notification.support.NotificationDb;
import dev.storefront.notification.support.OrderEvents;
import dev.storefront.notification.support.WebhookReceiver;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A webhook endpoint that takes 20 seconds to answer each call does not hold up event consumption: delivery runs
 * apart from the consumer, so a burst of order events is stored as notifications before the endpoint has answered its
 * first call. Were delivery part of consumption, the burst would take its number of events times twenty seconds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowWebhookIT implements TestPropertyProvider {

    private static final long ENDPOINT_DELAY_MS = 20_000;
    private static final int ORDERS = 40;

    private final WebhookReceiver receiver = new WebhookReceiver().delaying(ENDPOINT_DELAY_MS);
    private final OrderEvents events = new OrderEvents();

    @Inject
    EmbeddedServer server;

    SlowWebhookIT() throws Exception {}

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION));
        properties.put("storefront.notifications.webhook.url", receiver.url().toString());
        properties.put("storefront.notifications.webhook.secret", "test-only-webhook-secret-0123456789abcdef");
        properties.put("storefront.notifications.webhook.request-timeout", "30s");
        properties.put("storefront.notifications.delivery.poll-interval", "50ms");
        return properties;
    }

    @AfterAll
    void close() {
        events.close();
        receiver.close();
    }

    private static long count(String sql, String customer) {
        return NotificationDb.count(sql, customer);
    }

    @Test
    void aBurstOfEventsIsStoredWhileTheSlowEndpointIsStillAnsweringItsFirstCalls() throws Exception {
        String customer = "slow-" + UUID.randomUUID();
        long start = System.nanoTime();
        for (int i = 0; i < ORDERS; i++) {
            String order = OrderEvents.newOrderId();
            events.send(OrderEvents.placed(order, customer));
            events.send(OrderEvents.confirmed(order, customer));
        }

        await().atMost(Duration.ofMillis(ENDPOINT_DELAY_MS * 3 / 4))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        count("SELECT count(*) FROM notifications WHERE customer_id = ?", customer) == 2L * ORDERS);
        long consumedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long sent = count(
                "SELECT count(*) FROM deliveries d JOIN notifications n ON n.id = d.notification_id"
                        + " WHERE n.customer_id = ? AND d.channel = 'webhook' AND d.state = 'SENT'",
                customer);
        System.out.printf(
                "SLOW-WEBHOOK %d events stored in %d ms; webhook deliveries sent by then: %d of %d (endpoint %d ms"
                        + " per call)%n",
                2 * ORDERS, consumedMs, sent, 2 * ORDERS, ENDPOINT_DELAY_MS);
        assertThat(sent)
                .as("the endpoint had not yet answered most calls when consumption was done")
                .isLessThan(2L * ORDERS);
        assertThat(receiver.calls()).as("and delivery was under way all along").isNotEmpty();
    }
}
