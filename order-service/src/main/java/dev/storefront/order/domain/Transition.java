package dev.storefront.order.domain;

import java.util.List;
import java.util.Objects;

/**
 * The result of asking an {@link Order} to change: the order as it is afterwards and the events the change caused.
 * No events means nothing changed (a duplicate, or a late answer the order no longer needs).
 */
public record Transition(Order order, List<OrderEvent> events) {

    public Transition {
        Objects.requireNonNull(order, "order");
        events = List.copyOf(events);
    }

    static Transition unchanged(Order order) {
        return new Transition(order, List.of());
    }

    public boolean changed() {
        return !events.isEmpty();
    }
}
