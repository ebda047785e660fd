package dev.storefront.notification.adapter.in.web;

import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.Notification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the notification API sends. Nothing internal (sequence numbers, source event ids) leaves the service. */
final class NotificationDtos {

    private NotificationDtos() {}

    @Serdeable
    record NotificationResponse(
            UUID id,
            String kind,
            String orderId,
            String subject,
            String body,
            Instant createdAt,
            boolean read,
            @Nullable Instant readAt) {
        static NotificationResponse of(Notification n) {
            return new NotificationResponse(
                    n.id(), n.kind().name(), n.orderId(), n.subject(), n.body(), n.createdAt(), n.read(), n.readAt());
        }
    }

    @Serdeable
    record NotificationPageResponse(
            List<NotificationResponse> items, @Nullable String nextCursor) {}

    /** A delivery as its customer sees it: the state and the attempts, not the endpoint's error text. */
    @Serdeable
    record DeliveryResponse(String channel, String state, int attempts, Instant updatedAt) {
        static DeliveryResponse of(Delivery d) {
            return new DeliveryResponse(d.channel(), d.state().name(), d.attempts(), d.updatedAt());
        }
    }

    /** A delivery as an operator sees it, with the last error and the next attempt. */
    @Serdeable
    record AdminDeliveryResponse(
            UUID id,
            UUID notificationId,
            String channel,
            String state,
            int attempts,
            @Nullable String lastError,
            @Nullable Instant nextAttemptAt,
            Instant updatedAt) {
        static AdminDeliveryResponse of(Delivery d) {
            return new AdminDeliveryResponse(
                    d.id(),
                    d.notificationId(),
                    d.channel(),
                    d.state().name(),
                    d.attempts(),
                    d.lastError(),
                    d.nextAttemptAt(),
                    d.updatedAt());
        }
    }

    /** The live status event of a stream. */
    @Serdeable
    record StreamStatus(String push) {}
}
