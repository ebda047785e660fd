package dev.storefront.notification.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff from {@code initial}, doubling per failed attempt up to
 * {@code max}, with "full jitter" (a random wait between half the step and the whole step) so that many deliveries
 * failing together do not retry together; after {@code maxAttempts} failures the delivery is parked.
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
        }
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** Whether a delivery that has failed {@code failedAttempts} times is parked rather than tried again. */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }

    /**
     * The wait after failed attempt number {@code failedAttempts} (1 for the first), jittered by {@code random} (a
     * source of values in [0, 1)).
     */
    public Duration waitAfter(int failedAttempts, DoubleSupplier random) {
        long factor = 1L << Math.min(Math.max(failedAttempts - 1, 0), 20);
        long step = Math.min(max.toMillis(), initial.toMillis() * factor);
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }
}
