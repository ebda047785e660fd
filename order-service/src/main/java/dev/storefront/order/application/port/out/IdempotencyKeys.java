package dev.storefront.order.application.port.out;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.domain.OrderId;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkouts a customer already made under an {@code Idempotency-Key}. Claims run inside the checkout transaction:
 * a second claim of the same key waits for the first transaction and then finds the key taken.
 */
public interface IdempotencyKeys {

    /** Takes {@code key} for {@code order}; false if it is taken already (by this customer: keys are per customer). */
    boolean claim(CustomerId customer, String key, String fingerprint, OrderId order, Instant now, Instant keepUntil);

    Optional<Claimed> find(CustomerId customer, String key);

    /** Forgets keys kept past their time; returns how many. */
    int forgetExpired(Instant now);

    /** A key in use: which request it was first sent with (its fingerprint) and the order that request placed. */
    record Claimed(String fingerprint, OrderId order) {}
}
