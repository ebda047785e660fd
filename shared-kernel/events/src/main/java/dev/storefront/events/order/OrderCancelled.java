package dev.storefront.events.order;

/** The customer cancelled the order; catalog releases its reservation (compensation). Key order id. */
public record OrderCancelled(String orderId, String customerId, String reason) {}
