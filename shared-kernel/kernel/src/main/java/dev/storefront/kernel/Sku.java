package dev.storefront.kernel;

import java.util.regex.Pattern;

/** A stock keeping unit: the identity of a product everywhere (URLs, orders, events, Kafka keys). */
public record Sku(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");

    public Sku {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw DomainException.invalid(
                    "invalid-sku", "a SKU is 3-32 upper-case letters, digits or hyphens and starts alphanumeric");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
