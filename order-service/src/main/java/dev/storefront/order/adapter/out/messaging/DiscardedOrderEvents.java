package dev.storefront.order.adapter.out.messaging;

import dev.storefront.order.application.port.out.OrderEvents;
import dev.storefront.order.domain.OrderEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The denominator of the outbox benchmark (targets P6, deploy/bench/orders.sh): checkout with the outbox write
 * switched off, everything else unchanged. Present only when {@code storefront.benchmark.discard-order-events} is
 * true; an instance running with it announces nothing, so no reservation is ever made for its orders. Never set it
 * outside a benchmark.
 */
@Singleton
@Requires(property = DiscardedOrderEvents.SWITCH, value = "true")
class DiscardedOrderEvents implements OrderEvents {

    static final String SWITCH = "storefront.benchmark.discard-order-events";

    private static final Logger LOG = LoggerFactory.getLogger(DiscardedOrderEvents.class);

    DiscardedOrderEvents() {
        LOG.warn("Order events are DISCARDED ({}=true): this instance is for benchmarks only", SWITCH);
    }

    @Override
    public void publish(List<OrderEvent> events) {
        // Deliberately nothing: the cost of checkout without the outbox is what is measured.
    }
}
