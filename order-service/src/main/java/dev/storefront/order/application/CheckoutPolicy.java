package dev.storefront.order.application;

import java.time.Duration;
import java.util.Objects;

/**
 * The business settings of checkout, given by the deployment.
 *
 * @param timeToConfirm how long a PENDING order waits for catalog's reservation before it expires
 * @param idempotencyKeyRetention how long a checkout's idempotency key is remembered
 */
public record CheckoutPolicy(Duration timeToConfirm, Duration idempotencyKeyRetention) {

    public CheckoutPolicy {
        Objects.requireNonNull(timeToConfirm, "timeToConfirm");
        Objects.requireNonNull(idempotencyKeyRetention, "idempotencyKeyRetention");
        if (timeToConfirm.isNegative() || timeToConfirm.isZero()) {
            throw new IllegalArgumentException("timeToConfirm must be positive");
        }
        if (idempotencyKeyRetention.compareTo(timeToConfirm) < 0) {
            throw new IllegalArgumentException("keep idempotency keys at least as long as an order may stay PENDING");
        }
    }
}
