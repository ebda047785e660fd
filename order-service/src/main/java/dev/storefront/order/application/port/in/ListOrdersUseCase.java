package dev.storefront.order.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.domain.OrderSummary;
import java.util.List;

/** A customer's own order history, newest first. */
public interface ListOrdersUseCase {

    List<OrderSummary> ordersOf(CustomerId customer, PageSize size);
}
