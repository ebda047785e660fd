package dev.storefront.order.application.port.out;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.domain.OrderSummary;
import java.util.List;

/** Where orders are kept. */
public interface Orders {

    List<OrderSummary> newestOf(CustomerId customer, int limit);
}
