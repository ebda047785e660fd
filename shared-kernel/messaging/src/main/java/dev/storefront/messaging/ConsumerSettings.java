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
 * @param maxBackoff upper bound of that wait, and the wait between tries while the database is unavailable
 * @param pollTimeout how long one poll of the broker waits for records
 * @param maxPollInterval Kafka's {@code max.poll.interval.ms}: a member that does not poll for this long is evicted
 *     from its group
 * @param sessionTimeout Kafka's {@code session.timeout.ms}: a member whose heartbeats stop (a killed or frozen
 *     process) keeps its partitions this long before the group gives them to another member
 * @param stuckAfter a consumer whose loop has not gone round for this long is reported stuck (not ready)
 * @param restartInitialBackoff wait before starting a consumer that died; doubles per death
 * @param restartMaxBackoff upper bound of that wait
 * @param inboxRetention how long processed event ids are remembered for deduplication
 */
@ConfigurationProperties("storefront.messaging.consumer")
public record ConsumerSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "5") int maxAttempts,
        @Bindable(defaultValue = "100ms") Duration initialBackoff,
        @Bindable(defaultValue = "5s") Duration maxBackoff,
        @Bindable(defaultValue = "500ms") Duration pollTimeout,
        @Bindable(defaultValue = "5m") Duration maxPollInterval,
        @Bindable(defaultValue = "10s") Duration sessionTimeout,
        @Bindable(defaultValue = "1m") Duration stuckAfter,
        @Bindable(defaultValue = "1s") Duration restartInitialBackoff,
        @Bindable(defaultValue = "1m") Duration restartMaxBackoff,
        @Bindable(defaultValue = "14d") Duration inboxRetention) {

    /** The wait before attempt number {@code attempt} (2 for the first retry). */
    public Duration backoffBefore(int attempt) {
        return new Backoff(initialBackoff, maxBackoff).before(attempt - 1);
    }
}
