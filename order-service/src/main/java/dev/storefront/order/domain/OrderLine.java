package dev.storefront.order.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.util.Objects;

/** One product of an order with the unit price charged for it, as catalog quoted it at checkout. */
public record OrderLine(Sku sku, int quantity, Money unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < CartLine.MIN_QUANTITY || quantity > CartLine.MAX_QUANTITY) {
            throw DomainException.invalid(
                    "invalid-quantity",
                    "a quantity is " + CartLine.MIN_QUANTITY + " to " + CartLine.MAX_QUANTITY + " units");
        }
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
