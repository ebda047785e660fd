package dev.storefront.order.application.port.out;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where orders are kept. Methods that lock run inside the caller's transaction. */
public interface Orders {

    void add(Order order);

    Optional<Order> find(OrderId id);

    /** The order, locked until the transaction ends, so its transitions (and their events) happen one at a time. */
    Optional<Order> lock(OrderId id);

    /** Saves a transition; refuses (IllegalStateException) if the stored version is not the one before it. */
    void update(Order order);

    /**
     * Up to {@code limit} PENDING orders past their deadline, locked; rows another transaction holds are skipped, so
     * several instances sweep side by side without expiring an order twice.
     */
    List<OrderId> lockOverdue(Instant now, int limit);

    /** A customer's orders, newest first, strictly after {@code after} in that order. */
    List<Order> newestOf(CustomerId customer, Optional<OrderStatus> status, Optional<PagePosition> after, int limit);

    /** Where a page ended: the last order's placement time and id (ids break ties). */
    record PagePosition(Instant placedAt, OrderId id) {}
}
