package dev.storefront.notification.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The delivery of one notification through one channel, with every attempt counted.
 *
 * @param lastError why the last attempt failed; null until one did
 * @param nextAttemptAt when a PENDING delivery is tried next
 */
public record Delivery(
        UUID id,
        UUID notificationId,
        String channel,
        DeliveryState state,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        Instant updatedAt) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
