package dev.storefront.events.inventory;

import java.util.List;

/**
 * Units held for an order, or sold to it, are available again because the order was cancelled or expired. Topic
 * inventory.reservation.v1, key order id.
 *
 * @param reason ORDER_CANCELLED or ORDER_EXPIRED
 * @param restocked true when the units had been sold (a confirmed order was cancelled) and went back on hand; false
 *     when a hold was lifted
 */
public record InventoryReleased(String orderId, List<ReservedLine> lines, String reason, boolean restocked) {}
