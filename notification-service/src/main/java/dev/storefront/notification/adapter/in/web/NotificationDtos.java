package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.PageSize;
import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.Notification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the notification API sends. Nothing internal (sequence numbers, source event ids) leaves the service. The
 * enumerations in the annotations are those of {@code NotificationKind} and {@code DeliveryState}, and the channels
 * there are (the {@code NotificationChannel} implementations' names).
 */
final class NotificationDtos {

    private NotificationDtos() {}

    @Serdeable
    @Schema(requiredProperties = {"id", "kind", "orderId", "subject", "body", "createdAt", "read"})
    record NotificationResponse(
            @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH, description = "the notification's id")
            UUID id,

            @Schema(
                    allowableValues = {
                        "ORDER_RECEIVED",
                        "ORDER_CONFIRMED",
                        "ORDER_REJECTED",
                        "ORDER_CANCELLED",
                        "ORDER_EXPIRED"
                    },
                    description = "what happened to the order")
            String kind,

            @Schema(
                    maxLength = ApiDocs.ORDER_ID_MAX_LENGTH,
                    description = "the order, as order-service's events name it")
            String orderId,

            @Schema(maxLength = ApiDocs.SUBJECT_MAX_LENGTH, description = "one line, rendered from the kind's template")
            String subject,

            @Schema(maxLength = ApiDocs.BODY_MAX_LENGTH, description = "the message, rendered from the kind's template")
            String body,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
            Instant createdAt,

            @Schema(description = "whether the customer marked it read")
            boolean read,

            @Nullable
            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH, description = "null while unread")
            Instant readAt) {
        static NotificationResponse of(Notification n) {
            return new NotificationResponse(
                    n.id(), n.kind().name(), n.orderId(), n.subject(), n.body(), n.createdAt(), n.read(), n.readAt());
        }
    }

    /** {@code nextCursor} is null on the last page. */
    @Serdeable
    record NotificationPageResponse(
            @ArraySchema(maxItems = PageSize.MAX, arraySchema = @Schema(description = "newest first"))
            List<NotificationResponse> items,

            @Nullable
            @Schema(
                    maxLength = ApiDocs.CURSOR_MAX_LENGTH,
                    pattern = ApiDocs.CURSOR_PATTERN,
                    description = "the next page's cursor; null on the last page")
            String nextCursor) {}

    /** A delivery as its customer sees it: the state and the attempts, not the endpoint's error text. */
    @Serdeable
    @Schema(requiredProperties = {"channel", "state", "attempts", "updatedAt"})
    record DeliveryResponse(
            @Schema(
                    allowableValues = {"recorded", "webhook"},
                    maxLength = ApiDocs.CHANNEL_MAX_LENGTH,
                    description = "the channel's stable name")
            String channel,

            @Schema(allowableValues = {"PENDING", "SENT", "FAILED"})
            String state,

            @Schema(minimum = "0", maximum = ApiDocs.ATTEMPTS_MAX, description = "attempts so far")
            int attempts,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
            Instant updatedAt) {
        static DeliveryResponse of(Delivery d) {
            return new DeliveryResponse(d.channel(), d.state().name(), d.attempts(), d.updatedAt());
        }
    }

    /** A delivery as an operator sees it, with the last error and the next attempt. */
    @Serdeable
    @Schema(requiredProperties = {"id", "notificationId", "channel", "state", "attempts", "updatedAt"})
    record AdminDeliveryResponse(
            @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH, description = "the delivery's id")
            UUID id,

            @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH, description = "the notification delivered")
            UUID notificationId,

            @Schema(
                    allowableValues = {"recorded", "webhook"},
                    maxLength = ApiDocs.CHANNEL_MAX_LENGTH,
                    description = "the channel's stable name")
            String channel,

            @Schema(allowableValues = {"PENDING", "SENT", "FAILED"})
            String state,

            @Schema(
                    minimum = "0",
                    maximum = ApiDocs.ATTEMPTS_MAX,
                    description = "attempts so far; 0 again after an operator's retry")
            int attempts,

            @Nullable
            @Schema(
                    maxLength = ApiDocs.LAST_ERROR_MAX_LENGTH,
                    description = "why the last attempt failed; null until one did")
            String lastError,

            @Nullable
            @Schema(
                    format = "date-time",
                    maxLength = ApiDocs.INSTANT_MAX_LENGTH,
                    description = "when a PENDING delivery is tried next")
            Instant nextAttemptAt,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
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

    // GET /admin/notifications/deliveries/counts answers a Map<DeliveryState, Long>; this record only describes it.
    /** How many deliveries are in each state: every state is present, 0 when no delivery is in it. */
    @Schema(requiredProperties = {"PENDING", "SENT", "FAILED"})
    record DeliveryCountsResponse(
            @Schema(name = "PENDING", minimum = "0", maximum = ApiDocs.COUNT_MAX)
            long pending,

            @Schema(name = "SENT", minimum = "0", maximum = ApiDocs.COUNT_MAX)
            long sent,

            @Schema(name = "FAILED", minimum = "0", maximum = ApiDocs.COUNT_MAX)
            long failed) {}

    /** The live status event of a stream. */
    @Serdeable
    @Schema(requiredProperties = "push")
    record StreamStatus(
            @Schema(
                    allowableValues = {"live", "polling"},
                    description = "live: pushed as they are committed; polling: Redis is away, the instance polls")
            String push) {}
}
