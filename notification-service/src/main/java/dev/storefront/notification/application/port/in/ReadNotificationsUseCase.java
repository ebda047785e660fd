package dev.storefront.notification.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.Notification;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** A customer's own notifications: listed newest first, one page at a time, and marked read. */
public interface ReadNotificationsUseCase {

    /**
     * @param read only read ({@code true}) or unread ({@code false}) ones; all when empty
     * @param before the page after the one that ended at this sequence number; the newest page when empty
     */
    record Query(CustomerId customer, Optional<Boolean> read, OptionalLong before, PageSize size) {}

    /** A page, and where the next one starts (empty on the last page). */
    record NotificationPage(List<Notification> items, OptionalLong next) {}

    NotificationPage notificationsOf(Query query);

    /** Marks one of the customer's notifications read (again: no change). Another customer's: not found. */
    Notification markRead(CustomerId customer, UUID id);

    /** How the customer's notification was delivered, one entry per channel. Another customer's: not found. */
    List<Delivery> deliveriesOf(CustomerId customer, UUID id);
}
