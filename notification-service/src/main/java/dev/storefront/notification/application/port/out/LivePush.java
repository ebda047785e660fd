package dev.storefront.notification.application.port.out;

import dev.storefront.kernel.CustomerId;

/**
 * Tells every instance (this one included) that a customer has a new notification, so that their open streams fetch
 * it. At most once and fire-and-forget: a lost announcement delays a push, it never loses a notification.
 */
public interface LivePush {

    void announce(CustomerId customer);
}
