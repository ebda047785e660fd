package dev.storefront.order.domain;

/**
 * Where an order stands. PENDING until catalog answers the stock reservation; then CONFIRMED or REJECTED. A PENDING
 * order past its deadline becomes EXPIRED; a customer may cancel (CANCELLED).
 */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED,
    EXPIRED
}
