package dev.storefront.events.order;

/** A PENDING order passed its deadline and is EXPIRED; catalog releases any reservation. Key order id. */
public record OrderExpired(String orderId, String customerId) {}
