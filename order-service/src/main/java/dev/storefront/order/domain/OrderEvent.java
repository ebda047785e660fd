package dev.storefront.order.domain;

import dev.storefront.kernel.CustomerId;
import java.util.List;

/** What a transition of an {@link Order} caused; the application hands these to the outbox, in this order. */
public sealed interface OrderEvent {

    OrderId orderId();

    CustomerId customer();

    /** The order was placed as {@code order} shows it (PENDING, with its lines, total and deadline). */
    record Placed(Order order) implements OrderEvent {
        @Override
        public OrderId orderId() {
            return order.id();
        }

        @Override
        public CustomerId customer() {
            return order.customer();
        }
    }

    record Confirmed(OrderId orderId, CustomerId customer) implements OrderEvent {}

    record Rejected(OrderId orderId, CustomerId customer, String reason, List<LineRejection> lines)
            implements OrderEvent {
        public Rejected {
            lines = List.copyOf(lines);
        }
    }

    record Cancelled(OrderId orderId, CustomerId customer, String reason) implements OrderEvent {}

    record Expired(OrderId orderId, CustomerId customer) implements OrderEvent {}
}
