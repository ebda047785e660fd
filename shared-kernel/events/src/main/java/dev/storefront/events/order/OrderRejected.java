package dev.storefront.events.order;

/** Stock could not be reserved and the order is REJECTED. Key order id. */
public record OrderRejected(String orderId, String customerId, String reason) {}
