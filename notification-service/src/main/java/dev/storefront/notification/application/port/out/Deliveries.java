package dev.storefront.notification.application.port.out;

import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.DeliveryState;
import dev.storefront.notification.domain.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Deliveries of notifications through channels, with their state; shared by every instance. */
public interface Deliveries {

    /** A claimed delivery with the notification it delivers. */
    record Claimed(Delivery delivery, Notification notification) {}

    /** One PENDING delivery per channel, due at {@code at}. */
    void schedule(UUID notificationId, List<String> channels, Instant at);

    /**
     * Claims up to {@code limit} PENDING deliveries due at {@code now}, skipping those another instance holds, and
     * moves their next attempt to {@code now + lease}: if this instance dies mid-send, another retries after the lease.
     */
    List<Claimed> claimDue(Instant now, Duration lease, int limit);

    void sent(UUID deliveryId, int attempts, Instant at);

    /** A failed attempt: PENDING again at {@code nextAttemptAt}, or parked (FAILED) when that is empty. */
    void failed(UUID deliveryId, int attempts, String error, Optional<Instant> nextAttemptAt, Instant at);

    List<Delivery> inState(DeliveryState state, int limit);

    List<Delivery> ofNotification(UUID notificationId);

    Optional<Delivery> find(UUID deliveryId);

    /** A parked delivery becomes PENDING, due now, with its attempts counted afresh; empty if it was not parked. */
    Optional<Delivery> revive(UUID deliveryId, Instant now);

    Map<DeliveryState, Long> counts();
}
