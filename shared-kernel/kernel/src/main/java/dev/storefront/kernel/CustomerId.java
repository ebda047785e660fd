package dev.storefront.kernel;

import java.util.regex.Pattern;

/**
 * Who a customer is, as the identity provider names them (the verified token's subject). Shared because orders and
 * notifications both belong to a customer and must agree on what a valid id looks like.
 */
public record CustomerId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    public CustomerId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw DomainException.invalid(
                    "invalid-customer-id", "a customer id is 1-128 letters, digits or . _ @ - and starts alphanumeric");
        }
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
