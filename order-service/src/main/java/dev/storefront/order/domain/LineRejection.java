package dev.storefront.order.domain;

import dev.storefront.kernel.Sku;
import java.util.Objects;

/**
 * Why catalog could not reserve one line of an order.
 *
 * @param reason catalog's reason, e.g. {@code INSUFFICIENT_STOCK}, {@code UNKNOWN_SKU}, {@code INACTIVE_PRODUCT}
 */
public record LineRejection(Sku sku, int requested, int available, String reason) {

    public LineRejection {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(reason, "reason");
    }

    String describe() {
        return sku + ": " + reason + " (requested " + requested + ", available " + available + ")";
    }
}
