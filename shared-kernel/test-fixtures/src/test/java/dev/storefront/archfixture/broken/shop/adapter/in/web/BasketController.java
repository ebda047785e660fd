package dev.storefront.archfixture.broken.shop.adapter.in.web;

import dev.storefront.archfixture.broken.shop.adapter.out.persistence.BasketJdbcAdapter;

/** Broken on purpose: a web adapter reaching into the persistence adapter. */
public class BasketController {
    public BasketJdbcAdapter baskets;
}
