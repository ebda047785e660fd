package dev.storefront.order.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.application.port.in.QueryOrdersUseCase;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Read-side use cases of orders. Another customer's order is reported exactly like one that does not exist. */
@Singleton
public class OrderQueryService implements QueryOrdersUseCase {

    private final Orders orders;

    public OrderQueryService(Orders orders) {
        this.orders = orders;
    }

    @Override
    @Transactional
    public Order order(Viewer viewer, OrderId id) {
        return orders.find(id)
                .filter(order -> viewer.administrator() || order.belongsTo(viewer.customer()))
                .orElseThrow(() -> DomainException.notFound("unknown-order", "no such order"));
    }

    @Override
    @Transactional
    public OrderPage ordersOf(
            CustomerId customer, Optional<OrderStatus> status, Optional<Position> after, PageSize size) {
        List<Order> page = orders.newestOf(
                customer, status, after.map(p -> new Orders.PagePosition(p.placedAt(), p.id())), size.value() + 1);
        boolean more = page.size() > size.value();
        List<Order> items = more ? page.subList(0, size.value()) : page;
        Optional<Position> next = more
                ? Optional.of(new Position(
                        items.get(items.size() - 1).placedAt(),
                        items.get(items.size() - 1).id()))
                : Optional.empty();
        return new OrderPage(items, next);
    }
}
