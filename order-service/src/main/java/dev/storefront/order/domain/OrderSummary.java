package dev.storefront.order.domain;

import dev.storefront.kernel.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One line of a customer's order history: enough to list orders and follow their status. */
public record OrderSummary(UUID id, CustomerId customer, OrderStatus status, Instant placedAt) {

    public OrderSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
