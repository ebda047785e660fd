package dev.storefront.notification.adapter.in.messaging;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.messaging.EventHandlers;
import dev.storefront.messaging.EventSubscription;
import dev.storefront.messaging.RejectedEventException;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase.OrderUpdate;
import dev.storefront.notification.domain.NotificationKind;
import dev.storefront.notification.domain.OrderSummary;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Order events become the customer's notifications, through the inbox: each event once, whatever Kafka redelivers. An
 * event of a type this service does not know, one it cannot decode, or one about an order it never saw placed goes to
 * the dead-letter topic with the reason, and the consumer moves on.
 */
@Singleton
class OrderEventsKafkaListener implements EventSubscription {

    private final EventHandlers handlers;

    OrderEventsKafkaListener(RecordOrderNotificationUseCase notifications) {
        this.handlers = EventHandlers.builder()
                .on(EventCatalog.ORDER_PLACED, (event, placed) -> notifications.orderPlaced(id(event), summary(placed)))
                .on(
                        EventCatalog.ORDER_CONFIRMED,
                        (event, confirmed) -> notifications.orderUpdated(new OrderUpdate(
                                id(event),
                                NotificationKind.ORDER_CONFIRMED,
                                confirmed.orderId(),
                                CustomerId.of(confirmed.customerId()),
                                null)))
                .on(
                        EventCatalog.ORDER_REJECTED,
                        (event, rejected) -> notifications.orderUpdated(new OrderUpdate(
                                id(event),
                                NotificationKind.ORDER_REJECTED,
                                rejected.orderId(),
                                CustomerId.of(rejected.customerId()),
                                rejected.reason())))
                .on(
                        EventCatalog.ORDER_CANCELLED,
                        (event, cancelled) -> notifications.orderUpdated(new OrderUpdate(
                                id(event),
                                NotificationKind.ORDER_CANCELLED,
                                cancelled.orderId(),
                                CustomerId.of(cancelled.customerId()),
                                cancelled.reason())))
                .on(
                        EventCatalog.ORDER_EXPIRED,
                        (event, expired) -> notifications.orderUpdated(new OrderUpdate(
                                id(event),
                                NotificationKind.ORDER_EXPIRED,
                                expired.orderId(),
                                CustomerId.of(expired.customerId()),
                                null)))
                .build();
    }

    /** The event's id as a UUID (the id every producer of this system gives); another producer's, derived from it. */
    private static UUID id(EventEnvelope event) {
        try {
            return UUID.fromString(event.id());
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(event.id().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static OrderSummary summary(OrderPlaced placed) {
        return new OrderSummary(
                placed.orderId(),
                CustomerId.of(placed.customerId()),
                placed.lines().stream()
                        .map(line -> new OrderSummary.Line(
                                line.sku(), line.quantity(), Money.of(line.unitPriceMinor(), placed.currency())))
                        .toList(),
                Money.of(placed.totalMinor(), placed.currency()));
    }

    @Override
    public String consumerGroup() {
        return "notification-service.notifications";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ORDERS_ORDER);
    }

    @Override
    public void handle(EventEnvelope event) throws Exception {
        try {
            handlers.dispatch(event);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.UNAVAILABLE) {
                throw e;
            }
            throw new RejectedEventException(
                    event.type() + " for order " + event.aggregateId() + " refused: " + e.getMessage());
        }
    }
}
