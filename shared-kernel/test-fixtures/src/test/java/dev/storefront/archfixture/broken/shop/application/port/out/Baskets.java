package dev.storefront.archfixture.broken.shop.application.port.out;

/** An outgoing port, well placed; what is wrong is who calls it. */
public interface Baskets {
    void forget(String owner);
}
