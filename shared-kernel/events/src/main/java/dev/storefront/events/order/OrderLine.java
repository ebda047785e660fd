package dev.storefront.events.order;

/** One line of an order as the customer placed it, with the unit price snapshot taken at checkout. */
public record OrderLine(String sku, int quantity, long unitPriceMinor) {}
