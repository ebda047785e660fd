package dev.storefront.notification.application.port.in;

import dev.storefront.kernel.CustomerId;

/**
 * What the live fan-out tells this instance: a customer has something new (committed on any instance), and whether
 * the fan-out is working at all.
 */
public interface LivePushUseCase {

    void announced(CustomerId customer);

    /** The fan-out is subscribed: new notifications arrive as they are committed. */
    void pushAvailable();

    /** The fan-out is down: open streams poll for new notifications until it is back. */
    void pushLost();
}
