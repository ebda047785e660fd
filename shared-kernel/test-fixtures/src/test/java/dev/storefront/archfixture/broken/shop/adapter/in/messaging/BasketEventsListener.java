package dev.storefront.archfixture.broken.shop.adapter.in.messaging;

import dev.storefront.archfixture.broken.shop.application.port.out.Baskets;

/** Broken on purpose: an incoming adapter calling an outgoing port instead of a use case. */
public class BasketEventsListener {
    public Baskets baskets;
}
