package dev.storefront.order.domain;

import dev.storefront.kernel.DomainException;
import java.util.Objects;
import java.util.UUID;

/** The identity of an order: random, so it is unguessable and safe to put in URLs and Kafka keys. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId newId() {
        return new OrderId(UUID.randomUUID());
    }

    /** Parses an id from a URL or an event; anything but a UUID is refused as "not found", never as an error. */
    public static OrderId parse(String text) {
        try {
            return new OrderId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.notFound("unknown-order", "no such order");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
