package dev.storefront.order.adapter.out.messaging;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.order.OrderCancelled;
import dev.storefront.events.order.OrderConfirmed;
import dev.storefront.events.order.OrderExpired;
import dev.storefront.events.order.OrderLine;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.events.order.OrderRejected;
import dev.storefront.messaging.OutboxWriter;
import dev.storefront.order.application.port.out.OrderEvents;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Order events to orders.order.v1 (key order id) through the outbox. The order id is also the correlation id of the
 * whole checkout; an event caused by a consumed one (a confirmation caused by InventoryReserved) names it as cause,
 * taken from the consuming context.
 */
@Singleton
@Requires(property = DiscardedOrderEvents.SWITCH, notEquals = "true")
class OrderEventsOutboxAdapter implements OrderEvents {

    private final OutboxWriter outbox;

    OrderEventsOutboxAdapter(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(List<OrderEvent> events) {
        events.forEach(this::append);
    }

    private void append(OrderEvent event) {
        String id = event.orderId().toString();
        String customer = event.customer().value();
        switch (event) {
            case OrderEvent.Placed placed -> {
                Order order = placed.order();
                List<OrderLine> lines = order.lines().stream()
                        .map(l -> new OrderLine(
                                l.sku().value(), l.quantity(), l.unitPrice().amountMinor()))
                        .toList();
                outbox.append(
                        EventCatalog.ORDER_PLACED,
                        new OrderPlaced(
                                id,
                                customer,
                                lines,
                                order.total().currency(),
                                order.total().amountMinor(),
                                order.placedAt(),
                                order.deadline()),
                        id,
                        id,
                        null);
            }
            case OrderEvent.Confirmed confirmed ->
                outbox.append(EventCatalog.ORDER_CONFIRMED, new OrderConfirmed(id, customer), id, id, null);
            case OrderEvent.Rejected rejected ->
                outbox.append(
                        EventCatalog.ORDER_REJECTED, new OrderRejected(id, customer, rejected.reason()), id, id, null);
            case OrderEvent.Cancelled cancelled ->
                outbox.append(
                        EventCatalog.ORDER_CANCELLED,
                        new OrderCancelled(id, customer, cancelled.reason()),
                        id,
                        id,
                        null);
            case OrderEvent.Expired expired ->
                outbox.append(EventCatalog.ORDER_EXPIRED, new OrderExpired(id, customer), id, id, null);
        }
    }
}
