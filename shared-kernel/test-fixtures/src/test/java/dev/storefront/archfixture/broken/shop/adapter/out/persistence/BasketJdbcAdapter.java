package dev.storefront.archfixture.broken.shop.adapter.out.persistence;

import dev.storefront.archfixture.broken.billing.Invoice;

/** Broken on purpose: uses another service's code. */
public class BasketJdbcAdapter {
    public Invoice invoice;
}
