package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.util.Objects;

/** Units of one product an order asks for. */
public record ReservationLine(Sku sku, int quantity) {

    public static final int MAX_QUANTITY = 1000;

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw DomainException.invalid("invalid-quantity", "a line asks for 1-" + MAX_QUANTITY + " units");
        }
    }
}
