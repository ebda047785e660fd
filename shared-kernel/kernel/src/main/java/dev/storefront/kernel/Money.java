package dev.storefront.kernel;

import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in minor units of an ISO 4217 currency (cents for EUR): integers, so no rounding ever creeps
 * into prices or totals. Non-negative: the storefront has no negative prices.
 */
public record Money(long amountMinor, String currency) {

    /** Compiled once: every product read from Postgres builds a Money. */
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        if (amountMinor < 0) {
            throw DomainException.invalid("invalid-amount", "an amount cannot be negative");
        }
        if (currency == null || !CODE.matcher(currency).matches() || !isIsoCurrency(currency)) {
            throw DomainException.invalid("invalid-currency", "a currency is an ISO 4217 code such as EUR");
        }
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(amountMinor, quantity), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(Objects.requireNonNull(other).currency)) {
            throw DomainException.invalid("currency-mismatch", "cannot add " + other.currency + " to " + currency);
        }
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
