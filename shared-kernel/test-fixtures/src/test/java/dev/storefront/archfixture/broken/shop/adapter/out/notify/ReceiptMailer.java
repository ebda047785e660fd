package dev.storefront.archfixture.broken.shop.adapter.out.notify;

import dev.storefront.archfixture.broken.shop.application.CheckoutService;

/** Broken on purpose: an adapter naming an application service instead of a port. */
public class ReceiptMailer {
    public CheckoutService checkout;
}
