package dev.storefront.events.inventory;

import java.util.List;

/**
 * The order was confirmed: the units held for it are sold and have left the stock for good. Topic
 * inventory.reservation.v1, key order id.
 */
public record InventoryCommitted(String orderId, List<ReservedLine> lines) {}
