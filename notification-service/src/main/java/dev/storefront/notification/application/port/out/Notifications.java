package dev.storefront.notification.application.port.out;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.domain.Notification;
import dev.storefront.notification.domain.NotificationKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Where notifications are kept. */
public interface Notifications {

    /** A notification before it has its customer's next sequence number. */
    record NewNotification(
            UUID id,
            UUID sourceEventId,
            CustomerId customer,
            NotificationKind kind,
            String orderId,
            String subject,
            String body,
            Instant createdAt) {}

    /**
     * Stores the notification with its customer's next sequence number. Appends of one customer are serialized until
     * their transactions end, so sequence order is commit order. Empty when the source event already has its
     * notification (an event consumed again under another consumer group, or replayed): nothing is stored twice.
     */
    Optional<Notification> append(NewNotification notification);

    /** Newest first, below {@code before} when given, optionally only read or unread ones. */
    List<Notification> page(CustomerId customer, Optional<Boolean> read, OptionalLong before, int limit);

    /** Oldest first: the customer's notifications with a sequence number above {@code sequence}. */
    List<Notification> after(CustomerId customer, long sequence, int limit);

    /** The sequence number of the customer's notification {@code id}; empty when it is not theirs or unknown. */
    OptionalLong sequenceOf(CustomerId customer, UUID id);

    /** The customer's highest sequence number; 0 when they have none. */
    long latestSequence(CustomerId customer);

    /** The highest sequence number of each of {@code customers} that has any notification, in one query. */
    java.util.Map<CustomerId, Long> latestSequences(java.util.Collection<CustomerId> customers);

    Optional<Notification> find(CustomerId customer, UUID id);

    /** Sets the read time if unset; the notification as it is afterwards, empty when it is not the customer's. */
    Optional<Notification> markRead(CustomerId customer, UUID id, Instant at);
}
