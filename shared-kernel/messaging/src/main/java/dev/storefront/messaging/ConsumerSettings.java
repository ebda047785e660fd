package dev.storefront.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How idempotent consumers behave ({@code storefront.messaging.consumer.*}).
 *
 * @param enabled whether this instance runs its subscriptions
 * @param maxAttempts attempts at a failing event before it goes to the dead-letter topic
 * @param initialBackoff wait before the second attempt; doubles per attempt
 * @param maxBackoff upper bound of that wait
 * @param pollTimeout how long one poll of the broker waits for records
 * @param inboxRetention how long processed event ids are remembered for deduplication
 */
@ConfigurationProperties("storefront.messaging.consumer")
public record ConsumerSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "5") int maxAttempts,
        @Bindable(defaultValue = "100ms") Duration initialBackoff,
        @Bindable(defaultValue = "5s") Duration maxBackoff,
        @Bindable(defaultValue = "500ms") Duration pollTimeout,
        @Bindable(defaultValue = "14d") Duration inboxRetention) {

    public Duration backoffBefore(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 2, 0), 20);
        Duration backoff = initialBackoff.multipliedBy(factor);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
