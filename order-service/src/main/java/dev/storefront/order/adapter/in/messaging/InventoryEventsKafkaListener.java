package dev.storefront.order.adapter.in.messaging;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
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

    private final ReactToReservationUseCase saga;

    InventoryEventsKafkaListener(ReactToReservationUseCase saga) {
        this.saga = saga;
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
    public void handle(EventEnvelope event) {
        OrderId order;
        try {
            order = OrderId.parse(event.aggregateId());
        } catch (DomainException e) {
            // Not an id this service hands out: another producer's order on a shared topic, nothing of ours to move.
            LOG.warn("{} for order {} ignored: not an order of this service", event.type(), event.aggregateId());
            return;
        }
        try {
            if (event.type().equals(EventCatalog.INVENTORY_RESERVED.name())) {
                saga.reserved(order);
            } else if (event.type().equals(EventCatalog.INVENTORY_REJECTED.name())) {
                InventoryRejected rejected = EventCodec.payload(event, EventCatalog.INVENTORY_REJECTED);
                List<LineRejection> lines = rejected.lines().stream()
                        .map(l -> new LineRejection(Sku.of(l.sku()), l.requested(), l.available(), l.reason()))
                        .toList();
                saga.rejected(order, lines);
            } else if (event.type().equals(EventCatalog.INVENTORY_COMMITTED.name())
                    || event.type().equals(EventCatalog.INVENTORY_RELEASED.name())) {
                // The rest of the reservation's story: the order caused it and already is where it belongs.
                LOG.debug("{} for order {} needs nothing from this service", event.type(), order);
            } else {
                throw new RejectedEventException(
                        "order-service does not know " + event.type() + " on " + Topics.INVENTORY_RESERVATION);
            }
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.UNAVAILABLE) {
                throw e;
            }
            throw new RejectedEventException(event.type() + " refused by order " + order + ": " + e.getMessage());
        }
    }
}
