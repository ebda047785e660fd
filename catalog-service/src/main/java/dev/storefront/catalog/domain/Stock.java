package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.util.Objects;

/**
 * Units of one product: on hand in the warehouse, and how many of those are held for pending orders. Never negative,
 * never more reserved than on hand; every operation refuses what would break that.
 */
public record Stock(Sku sku, int onHand, int reserved) {

    public Stock {
        Objects.requireNonNull(sku, "sku");
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            throw DomainException.invalid(
                    "invalid-stock",
                    "stock of " + sku + " cannot be " + onHand + " on hand with " + reserved + " reserved");
        }
    }

    public static Stock empty(Sku sku) {
        return new Stock(sku, 0, 0);
    }

    public int available() {
        return onHand - reserved;
    }

    public boolean canReserve(int quantity) {
        return quantity > 0 && quantity <= available();
    }

    /** Holds {@code quantity} units for an order. */
    public Stock reserve(int quantity) {
        requirePositive(quantity);
        if (quantity > available()) {
            throw DomainException.conflict(
                    "insufficient-stock", sku + " has " + available() + " available, not " + quantity);
        }
        return new Stock(sku, onHand, reserved + quantity);
    }

    /** Gives held units back (order cancelled or expired). */
    public Stock release(int quantity) {
        requirePositive(quantity);
        return new Stock(sku, onHand, Math.max(0, reserved - quantity));
    }

    /** Turns held units into sold ones: they leave the shelf (order confirmed). */
    public Stock commit(int quantity) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw DomainException.conflict("not-reserved", sku + " has only " + reserved + " reserved");
        }
        return new Stock(sku, onHand - quantity, reserved - quantity);
    }

    /** Takes back units that were sold (a confirmed order was cancelled). */
    public Stock putBack(int quantity) {
        requirePositive(quantity);
        return adjust(quantity);
    }

    /** Counts units in or out of the warehouse; cannot take away units that are reserved. */
    public Stock adjust(int delta) {
        long next = (long) onHand + delta;
        if (next < reserved) {
            throw DomainException.conflict(
                    "stock-below-reserved",
                    "cannot take " + sku + " to " + next + " on hand while " + reserved + " are reserved");
        }
        if (next > Integer.MAX_VALUE) {
            throw DomainException.invalid("invalid-stock", "too many units");
        }
        return new Stock(sku, (int) next, reserved);
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw DomainException.invalid("invalid-quantity", "a quantity is at least 1");
        }
    }
}
