package dev.storefront.order;

import io.micronaut.runtime.Micronaut;

/** Starts order-service: carts, orders and their lifecycle. */
public final class OrderApplication {

    private OrderApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
