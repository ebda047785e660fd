package dev.storefront.notification.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.domain.NotificationKind;
import dev.storefront.notification.domain.OrderSummary;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns what happened to an order into the customer's notification: stored, scheduled for delivery on every channel
 * and announced to the customer's open streams once committed. Called once per event (inside the inbox transaction).
 */
public interface RecordOrderNotificationUseCase {

    /** An order was placed: remember its lines and total for the notifications that follow, and say it was received. */
    void orderPlaced(UUID eventId, OrderSummary order);

    /**
     * A later step of an order (confirmed, rejected, cancelled, expired).
     *
     * @param reason why, for a rejection or a cancellation; null otherwise
     */
    record OrderUpdate(UUID eventId, NotificationKind kind, String orderId, CustomerId customer, String reason) {
        public OrderUpdate {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customer, "customer");
        }
    }

    /**
     * Records the notification of {@code update}. Refused ({@code order-unknown}, unprocessable) when this service never
     * saw the order placed, so it cannot name the lines and total.
     */
    void orderUpdated(OrderUpdate update);
}
