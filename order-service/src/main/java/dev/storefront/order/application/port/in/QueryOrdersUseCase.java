package dev.storefront.order.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading orders: one with its history, or a customer's own, newest first, a page at a time. */
public interface QueryOrdersUseCase {

    /** The order if {@code viewer} may see it (its owner, or an administrator); otherwise it does not exist. */
    Order order(Viewer viewer, OrderId id);

    OrderPage ordersOf(CustomerId customer, Optional<OrderStatus> status, Optional<Position> after, PageSize size);

    /** Who is asking. */
    record Viewer(CustomerId customer, boolean administrator) {}

    /** A position in the newest-first listing (keyset pagination): strictly after this order. */
    record Position(Instant placedAt, OrderId id) {}

    record OrderPage(List<Order> items, Optional<Position> next) {
        public OrderPage {
            items = List.copyOf(items);
        }
    }
}
