package dev.storefront.catalog.adapter.in.messaging;

import dev.storefront.catalog.application.port.in.ReserveStockUseCase;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
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

    OrderEventsKafkaListener(ReserveStockUseCase stock) {
        this.stock = stock;
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
    public void handle(EventEnvelope event) {
        switch (event.type()) {
            case "OrderPlaced" -> reserve(EventCodec.payload(event, EventCatalog.ORDER_PLACED));
            case "OrderConfirmed" -> stock.confirm(event.aggregateId());
            case "OrderCancelled" -> stock.cancel(event.aggregateId());
            case "OrderExpired" -> stock.release(event.aggregateId());
            default -> {
                // OrderRejected and future types need nothing from the stock.
            }
        }
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
