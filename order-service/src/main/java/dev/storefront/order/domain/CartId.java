package dev.storefront.order.domain;

import dev.storefront.kernel.DomainException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** The identity of a cart: 128 random bits, so a cart id cannot be guessed from another. */
public record CartId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public CartId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            // An id that cannot exist is reported as a cart that does not exist: no hint about the format.
            throw DomainException.notFound("unknown-cart", "no such cart");
        }
    }

    public static CartId newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new CartId(HexFormat.of().formatHex(bytes));
    }

    public static CartId parse(String text) {
        if (text == null) {
            throw DomainException.notFound("unknown-cart", "no such cart");
        }
        return new CartId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
