package dev.storefront.archfixture.broken.shop.domain.pricing;

import dev.storefront.archfixture.broken.shop.domain.Basket;

/** Broken on purpose: the other half of the package cycle with domain. */
public class Discount {
    public Basket appliesTo;
}
