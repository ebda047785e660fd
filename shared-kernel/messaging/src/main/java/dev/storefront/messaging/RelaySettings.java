package dev.storefront.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the outbox relay behaves ({@code storefront.messaging.relay.*}).
 *
 * @param enabled whether this instance runs a relay (any number may: they share work safely)
 * @param pollInterval the longest an event committed by another instance waits (this instance's commits wake the
 *     relay at once)
 * @param listenNotify whether writers NOTIFY at commit and relays LISTEN, so every instance's relay wakes at once;
 *     off by default because notifying commits are serialised by Postgres
 * @param batchSize rows claimed per transaction
 * @param sendTimeout how long to wait for the broker's acknowledgement of a batch
 * @param claimLease how long claimed rows are this relay's; longer than {@code sendTimeout}, since a relay that dies
 *     leaves its rows to the others only when the lease has passed
 * @param parkAfter attempts after which a row the broker refuses for good is parked instead of blocking its key
 * @param initialBackoff wait before re-sending a row that failed once; doubles per failure
 * @param maxBackoff upper bound of that wait
 * @param retention how long sent rows are kept before the purge deletes them
 * @param purgeInterval how often the purge runs
 */
@ConfigurationProperties("storefront.messaging.relay")
public record RelaySettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "200ms") Duration pollInterval,
        @Bindable(defaultValue = "false") boolean listenNotify,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "15s") Duration sendTimeout,
        @Bindable(defaultValue = "30s") Duration claimLease,
        @Bindable(defaultValue = "5") int parkAfter,
        @Bindable(defaultValue = "200ms") Duration initialBackoff,
        @Bindable(defaultValue = "30s") Duration maxBackoff,
        @Bindable(defaultValue = "7d") Duration retention,
        @Bindable(defaultValue = "1m") Duration purgeInterval) {

    public RelaySettings {
        if (claimLease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("storefront.messaging.relay.claim-lease (" + claimLease
                    + ") must be longer than send-timeout (" + sendTimeout + ")");
        }
    }

    /** Backoff after {@code attempts} failures: initial * 2^(attempts-1), capped. */
    public Duration backoffAfter(int attempts) {
        return new Backoff(initialBackoff, maxBackoff).before(attempts);
    }
}
