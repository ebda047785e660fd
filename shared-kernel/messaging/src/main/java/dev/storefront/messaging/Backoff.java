package dev.storefront.messaging;

import java.time.Duration;

/** Exponential backoff: {@code initial}, doubling per step, never more than {@code max}. */
record Backoff(Duration initial, Duration max) {

    /** The wait before retry number {@code step} (1 for the first retry). */
    Duration before(int step) {
        long factor = 1L << Math.min(Math.max(step - 1, 0), 20);
        Duration wait = initial.multipliedBy(factor);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
