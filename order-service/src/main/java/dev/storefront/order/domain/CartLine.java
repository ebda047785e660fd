package dev.storefront.order.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.Objects;

/**
 * A product in a cart: how many, and the unit price catalog quoted when the line was last set (so the cart can tell
 * the customer when the price moved since).
 */
public record CartLine(Sku sku, int quantity, Money quotedPrice, Instant setAt) {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 99;

    public CartLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quotedPrice, "quotedPrice");
        Objects.requireNonNull(setAt, "setAt");
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw DomainException.invalid(
                    "invalid-quantity", "a quantity is " + MIN_QUANTITY + " to " + MAX_QUANTITY + " units");
        }
    }
}
