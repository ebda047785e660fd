package dev.storefront.events.order;

import java.time.Instant;
import java.util.List;

/**
 * A customer placed an order; it is PENDING until catalog reserves or rejects its stock. Topic orders.order.v1, key
 * order id.
 *
 * @param expiresAt when a still PENDING order expires
 */
public record OrderPlaced(
        String orderId,
        String customerId,
        List<OrderLine> lines,
        String currency,
        long totalMinor,
        Instant placedAt,
        Instant expiresAt) {}
