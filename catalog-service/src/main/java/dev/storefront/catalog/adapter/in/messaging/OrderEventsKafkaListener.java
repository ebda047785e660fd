package dev.storefront.catalog.adapter.in.messaging;

import dev.storefront.catalog.application.port.in.ReserveStockUseCase;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import dev.storefront.messaging.EventHandlers;
import dev.storefront.messaging.EventSubscription;
import dev.storefront.messaging.RejectedEventException;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns order events into stock operations: OrderPlaced reserves, OrderConfirmed makes the reservation final,
 * OrderExpired releases it, OrderCancelled releases it or, once confirmed, puts the sold units back. Runs inside the inbox transaction, so each event applies once.
 */
@Singleton
class OrderEventsKafkaListener implements EventSubscription {

    private final ReserveStockUseCase stock;
    private final EventHandlers handlers;

    OrderEventsKafkaListener(ReserveStockUseCase stock) {
        this.stock = stock;
        this.handlers = EventHandlers.builder()
                .on(EventCatalog.ORDER_PLACED, (event, placed) -> reserve(placed))
                .on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> stock.confirm(event.aggregateId()))
                .on(EventCatalog.ORDER_CANCELLED, (event, cancelled) -> stock.cancel(event.aggregateId()))
                .on(EventCatalog.ORDER_EXPIRED, (event, expired) -> stock.release(event.aggregateId()))
                // A rejected order never held stock.
                .ignore(EventCatalog.ORDER_REJECTED)
                .build();
    }

    @Override
    public String consumerGroup() {
        return "catalog-service.inventory";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ORDERS_ORDER);
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        // A type catalog does not know (a newer order event) is dead-lettered, visibly, not dropped.
        handlers.dispatch(event);
    }

    private void reserve(OrderPlaced placed) {
        List<ReservationLine> lines;
        try {
            // One line per product: lines naming the same SKU twice are added up.
            Map<String, Integer> units = new LinkedHashMap<>();
            placed.lines().forEach(line -> units.merge(line.sku(), line.quantity(), Math::addExact));
            lines = units.entrySet().stream()
                    .map(line -> new ReservationLine(Sku.of(line.getKey()), line.getValue()))
                    .toList();
        } catch (DomainException | ArithmeticException e) {
            // A contract-valid order this domain still cannot read (e.g. quantities that overflow when added up).
            throw new RejectedEventException("order " + placed.orderId() + " cannot be reserved: " + e.getMessage());
        }
        stock.reserve(new ReserveStockUseCase.ReserveStock(placed.orderId(), lines, placed.expiresAt()));
    }
}
