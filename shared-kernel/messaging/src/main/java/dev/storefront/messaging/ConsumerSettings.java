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

    /** The wait before attempt number {@code attempt} (2 for the first retry). */
    public Duration backoffBefore(int attempt) {
        return new Backoff(initialBackoff, maxBackoff).before(attempt - 1);
    }
}
