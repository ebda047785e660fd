package dev.storefront.archfixture.broken.shop.application;

import dev.storefront.archfixture.broken.shop.adapter.out.persistence.BasketJdbcAdapter;

/** Broken on purpose: a use case that calls an adapter instead of a port. */
public class CheckoutService {
    public BasketJdbcAdapter baskets;
}
