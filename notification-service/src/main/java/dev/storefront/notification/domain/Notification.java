package dev.storefront.notification.domain;

import dev.storefront.kernel.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to one customer about something that happened to their order ("your order is confirmed"). Created from
 * order events; listed from Postgres and pushed live to open streams.
 */
public record Notification(UUID id, CustomerId customer, String kind, String message, Instant createdAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
