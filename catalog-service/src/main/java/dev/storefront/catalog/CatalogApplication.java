package dev.storefront.catalog;

import io.micronaut.runtime.Micronaut;

/** Starts catalog-service: products, categories, prices, stock and reservations. */
public final class CatalogApplication {

    private CatalogApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
