package dev.storefront.events.inventory;

import java.time.Instant;
import java.util.List;

/**
 * Every line of the order is reserved, all or nothing. Topic inventory.reservation.v1, key order id.
 *
 * @param expiresAt when the reservation lapses unless the order is confirmed
 */
public record InventoryReserved(String orderId, List<ReservedLine> lines, Instant expiresAt) {}
