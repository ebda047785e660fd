package dev.storefront.events.catalog;

/**
 * The current state of a product after it was created or changed (state transfer: consumers replace their copy).
 * Topic catalog.product.v1, key sku.
 *
 * @param priceMinor price in minor units of {@code currency} (cents for EUR)
 * @param version the product's version after the change; consumers ignore a version lower than the one they hold
 */
public record ProductChanged(
        String sku, String name, String category, long priceMinor, String currency, boolean active, long version) {}
