package dev.storefront.order.adapter.in.messaging;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import dev.storefront.messaging.EventHandlers;
import dev.storefront.messaging.EventSubscription;
import dev.storefront.messaging.RejectedEventException;
import dev.storefront.order.application.port.in.ReactToReservationUseCase;
import dev.storefront.order.domain.LineRejection;
import dev.storefront.order.domain.OrderId;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order side of the saga: catalog's reservation outcome confirms or rejects the order. Runs inside the inbox
 * transaction, so each outcome applies once. An outcome the order refuses (a reservation for a REJECTED order cannot
 * happen unless something upstream is broken) goes to the dead-letter topic with the reason, not into endless retries.
 */
@Singleton
class InventoryEventsKafkaListener implements EventSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryEventsKafkaListener.class);

    private final EventHandlers handlers;

    InventoryEventsKafkaListener(ReactToReservationUseCase saga) {
        this.handlers = EventHandlers.builder()
                .on(EventCatalog.INVENTORY_RESERVED, (event, reserved) -> saga.reserved(orderOf(event)))
                .on(
                        EventCatalog.INVENTORY_REJECTED,
                        (event, rejected) -> saga.rejected(orderOf(event), lines(rejected)))
                // The rest of the reservation's story: the order caused it and already is where it belongs.
                .ignore(EventCatalog.INVENTORY_COMMITTED, EventCatalog.INVENTORY_RELEASED)
                .build();
    }

    private static OrderId orderOf(EventEnvelope event) {
        return OrderId.parse(event.aggregateId());
    }

    private static List<LineRejection> lines(InventoryRejected rejected) {
        return rejected.lines().stream()
                .map(l -> new LineRejection(Sku.of(l.sku()), l.requested(), l.available(), l.reason()))
                .toList();
    }

    @Override
    public String consumerGroup() {
        return "order-service.saga";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.INVENTORY_RESERVATION);
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        OrderId order;
        try {
            order = OrderId.parse(event.aggregateId());
        } catch (DomainException e) {
            // Not an id this service hands out: another producer's order on a shared topic, nothing of ours to move.
            LOG.warn("{} for order {} ignored: not an order of this service", event.type(), event.aggregateId());
            return;
        }
        try {
            handlers.dispatch(event);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.UNAVAILABLE) {
                throw e;
            }
            throw new RejectedEventException(event.type() + " refused by order " + order + ": " + e.getMessage());
        }
    }
}
