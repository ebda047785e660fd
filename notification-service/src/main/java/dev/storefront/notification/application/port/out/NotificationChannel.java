package dev.storefront.notification.application.port.out;

import dev.storefront.notification.domain.Notification;

/** A way to hand a notification to its customer (recorded here, a webhook, e-mail...). */
public interface NotificationChannel {

    /** Why a delivery attempt failed; the delivery is tried again later. */
    final class DeliveryFailedException extends Exception {
        public DeliveryFailedException(String message) {
            super(message);
        }

        public DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stable name, kept with each delivery: {@code recorded}, {@code webhook}. */
    String name();

    /**
     * Delivers once; returns when the receiver accepted it. Bounded in time by the channel's own timeouts.
     *
     * @param deliveryId the same on every attempt, so a receiver can drop a repeat of an attempt it did accept
     */
    void deliver(java.util.UUID deliveryId, Notification notification) throws DeliveryFailedException;
}
