package dev.storefront.events.inventory;

/** Units of one SKU held for an order. */
public record ReservedLine(String sku, int quantity) {}
