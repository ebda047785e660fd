package dev.storefront.order.application.port.out;

import dev.storefront.order.domain.OrderEvent;
import java.util.List;

/** Announces what happened to orders, in the caller's transaction (the outbox), in the order given. */
public interface OrderEvents {

    void publish(List<OrderEvent> events);
}
