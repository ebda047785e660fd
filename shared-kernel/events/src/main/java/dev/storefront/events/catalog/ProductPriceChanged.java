package dev.storefront.events.catalog;

/**
 * A product's price changed. Topic catalog.product.v1, key sku. Caches of prices invalidate on it.
 *
 * @param oldPriceMinor the price before, in minor units of {@code currency}
 * @param newPriceMinor the price after, in minor units of {@code currency}
 */
public record ProductPriceChanged(String sku, long oldPriceMinor, long newPriceMinor, String currency, long version) {}
