package dev.storefront.notification.adapter.out.channel;

import dev.storefront.notification.application.port.out.NotificationChannel;
import dev.storefront.notification.domain.Notification;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * POSTs each notification as JSON to the endpoint the operator configures ({@code storefront.notifications.webhook.*}),
 * signed with {@link WebhookSignature}. Any 2xx is a delivery; anything else, a timeout or a refused connection is a
 * failed attempt that the delivery service retries with backoff. Connect and request timeouts bound every attempt.
 */
@Singleton
@Requires(property = "storefront.notifications.webhook.url")
class WebhookChannel implements NotificationChannel {

    /** The JSON a receiver gets. */
    @Serdeable
    record Payload(
            UUID id, String customerId, String kind, String orderId, String subject, String body, Instant createdAt) {}

    private final URI url;
    private final WebhookSignature signature;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    WebhookChannel(
            @Value("${storefront.notifications.webhook.url}") URI url,
            @Value("${storefront.notifications.webhook.secret}") String secret,
            @Value("${storefront.notifications.webhook.connect-timeout:2s}") Duration connectTimeout,
            @Value("${storefront.notifications.webhook.request-timeout:5s}") Duration requestTimeout,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.url = url;
        this.signature = new WebhookSignature(secret);
        this.requestTimeout = requestTimeout;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(UUID deliveryId, Notification notification) throws DeliveryFailedException {
        byte[] body = body(notification);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.DELIVERY_HEADER, deliveryId.toString())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            outcome = Integer.toString(status);
            if (status < 200 || status > 299) {
                throw new DeliveryFailedException("webhook answered " + status);
            }
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
            throw new DeliveryFailedException("webhook did not answer within " + requestTimeout, e);
        } catch (IOException e) {
            throw new DeliveryFailedException("webhook unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while delivering", e);
        } finally {
            sample.stop(Timer.builder("storefront.notifications.webhook.requests")
                    .description("Webhook requests by outcome (HTTP status, timeout or error)")
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }

    private byte[] body(Notification n) throws DeliveryFailedException {
        try {
            return json.writeValueAsBytes(new Payload(
                    n.id(), n.customer().value(), n.kind().name(), n.orderId(), n.subject(), n.body(), n.createdAt()));
        } catch (IOException e) {
            throw new DeliveryFailedException("cannot encode notification " + n.id(), e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
