package dev.storefront.events.inventory;

/**
 * Why one line could not be reserved.
 *
 * @param reason {@code INSUFFICIENT_STOCK}, {@code UNKNOWN_SKU} or {@code INACTIVE_PRODUCT}
 */
public record RejectedLine(String sku, int requested, int available, String reason) {}
