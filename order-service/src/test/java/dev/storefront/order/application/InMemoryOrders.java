package dev.storefront.order.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The order table in memory: versioned updates, and the newest-first keyset listing the real store answers. */
final class InMemoryOrders implements Orders {

    /** Newest first; ids break ties, as in {@code ORDER BY placed_at DESC, id DESC}. */
    private static final Comparator<Order> NEWEST_FIRST = Comparator.comparing(Order::placedAt)
            .thenComparing(o -> o.id().value())
            .reversed();

    private final Map<OrderId, Order> orders = new LinkedHashMap<>();
    final List<OrderId> locked = new ArrayList<>();
    final List<Integer> limitsAsked = new ArrayList<>();
    /** Ids the overdue sweep finds besides the overdue ones: orders that changed after the sweep listed them. */
    final List<OrderId> alsoListedAsOverdue = new ArrayList<>();

    int updates;

    Order stored(Order order) {
        orders.put(order.id(), order);
        return order;
    }

    Order current(OrderId id) {
        return orders.get(id);
    }

    @Override
    public void add(Order order) {
        if (orders.putIfAbsent(order.id(), order) != null) {
            throw new IllegalStateException("order " + order.id() + " exists");
        }
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public Optional<Order> lock(OrderId id) {
        locked.add(id);
        return find(id);
    }

    @Override
    public void update(Order order) {
        Order stored = orders.get(order.id());
        if (stored == null || stored.version() != order.version() - 1) {
            throw new IllegalStateException("order " + order.id() + " is not at version " + (order.version() - 1));
        }
        updates++;
        orders.put(order.id(), order);
    }

    @Override
    public List<OrderId> lockOverdue(Instant now, int limit) {
        limitsAsked.add(limit);
        List<OrderId> overdue = new ArrayList<>(alsoListedAsOverdue);
        orders.values().stream()
                .filter(o -> o.status() == OrderStatus.PENDING && !o.deadline().isAfter(now))
                .sorted(Comparator.comparing(Order::deadline))
                .map(Order::id)
                .forEach(overdue::add);
        return overdue.stream().limit(limit).toList();
    }

    @Override
    public List<Order> newestOf(
            CustomerId customer, Optional<OrderStatus> status, Optional<PagePosition> after, int limit) {
        limitsAsked.add(limit);
        return orders.values().stream()
                .filter(o -> o.belongsTo(customer))
                .filter(o -> status.map(s -> o.status() == s).orElse(true))
                .filter(o -> after.map(a -> isAfter(o, a)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    private static boolean isAfter(Order order, PagePosition position) {
        int placed = order.placedAt().compareTo(position.placedAt());
        return placed < 0
                || (placed == 0 && order.id().value().compareTo(position.id().value()) < 0);
    }
}
