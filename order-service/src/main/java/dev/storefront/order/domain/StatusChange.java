package dev.storefront.order.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One step of an order's history: the status it reached, when, and why where there is a reason. */
public record StatusChange(OrderStatus status, Instant at, Optional<String> reason) {

    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
