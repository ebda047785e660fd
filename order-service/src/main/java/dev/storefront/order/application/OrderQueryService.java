package dev.storefront.order.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.application.port.in.ListOrdersUseCase;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.OrderSummary;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;

/** Read-side use cases of orders. */
@Singleton
public class OrderQueryService implements ListOrdersUseCase {

    private final Orders orders;

    public OrderQueryService(Orders orders) {
        this.orders = orders;
    }

    @Override
    @Transactional
    public List<OrderSummary> ordersOf(CustomerId customer, PageSize size) {
        return orders.newestOf(customer, size.value());
    }
}
