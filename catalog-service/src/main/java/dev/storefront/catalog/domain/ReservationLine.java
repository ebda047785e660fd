package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.util.Objects;

/**
 * Units of one product an order asks for. Any positive quantity: whether there are enough is the reservation's
 * question, answered with a rejection, never with an error (order-service bounds what a customer may order).
 */
public record ReservationLine(Sku sku, int quantity) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw DomainException.invalid("invalid-quantity", "a line asks for at least 1 unit");
        }
    }
}
