package dev.storefront.notification.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.notification.application.port.in.ReadNotificationsUseCase;
import dev.storefront.notification.application.port.out.Deliveries;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.Notification;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/** A customer's notifications; another customer's are "not found", never "forbidden", so none is confirmed to exist. */
@Singleton
public class NotificationQueryService implements ReadNotificationsUseCase {

    private final Notifications notifications;
    private final Deliveries deliveries;
    private final Clock clock;

    public NotificationQueryService(Notifications notifications, Deliveries deliveries, Clock clock) {
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    @Transactional
    public NotificationPage notificationsOf(Query query) {
        int size = query.size().value();
        List<Notification> rows = notifications.page(query.customer(), query.read(), query.before(), size + 1);
        if (rows.size() <= size) {
            return new NotificationPage(rows, OptionalLong.empty());
        }
        List<Notification> page = rows.subList(0, size);
        return new NotificationPage(
                List.copyOf(page), OptionalLong.of(page.get(size - 1).sequence()));
    }

    @Override
    @Transactional
    public Notification markRead(CustomerId customer, UUID id) {
        return notifications.markRead(customer, id, clock.instant()).orElseThrow(() -> notFound(id));
    }

    @Override
    @Transactional
    public List<Delivery> deliveriesOf(CustomerId customer, UUID id) {
        Notification notification = notifications.find(customer, id).orElseThrow(() -> notFound(id));
        return deliveries.ofNotification(notification.id());
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("notification-not-found", "no notification " + id);
    }
}
