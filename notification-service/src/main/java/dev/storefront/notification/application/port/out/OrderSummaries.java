package dev.storefront.notification.application.port.out;

import dev.storefront.notification.domain.OrderSummary;
import java.util.Optional;

/** What this service remembers of each order it saw placed. */
public interface OrderSummaries {

    /** Keeps the summary (the first one wins: a placed order does not change). */
    void remember(OrderSummary summary);

    Optional<OrderSummary> of(String orderId);
}
