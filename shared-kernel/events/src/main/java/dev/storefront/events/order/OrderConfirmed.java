package dev.storefront.events.order;

/** Stock was reserved and the order is CONFIRMED; catalog makes the reservation final. Key order id. */
public record OrderConfirmed(String orderId, String customerId) {}
