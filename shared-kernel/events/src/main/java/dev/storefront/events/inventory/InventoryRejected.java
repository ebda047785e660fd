package dev.storefront.events.inventory;

import java.util.List;

/** Nothing was reserved because at least one line could not be; each such line says why. Key order id. */
public record InventoryRejected(String orderId, List<RejectedLine> lines) {}
