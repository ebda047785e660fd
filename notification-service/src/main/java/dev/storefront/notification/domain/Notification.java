package dev.storefront.notification.domain;

import dev.storefront.kernel.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A message to one customer about something that happened to their order ("your order is confirmed"). Created once
 * per order event, kept in Postgres, listed and pushed live to the customer's open streams.
 *
 * @param sequence the customer's own running number: a notification committed after another has a higher one, so a
 *     stream resumes after the last it delivered without missing or repeating any
 * @param readAt when the customer marked it read; null while unread
 */
public record Notification(
        UUID id,
        CustomerId customer,
        long sequence,
        NotificationKind kind,
        String orderId,
        String subject,
        String body,
        Instant createdAt,
        Instant readAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1: " + sequence);
        }
    }

    public boolean read() {
        return readAt != null;
    }

    public Optional<Instant> readTime() {
        return Optional.ofNullable(readAt);
    }
}
