package dev.storefront.order.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;

/** A customer calls off one of their orders (catalog gives the stock back). */
public interface CancelOrderUseCase {

    Order cancel(CustomerId customer, OrderId order, String reason);
}
