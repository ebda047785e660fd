package dev.storefront.notification.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.application.port.in.ListNotificationsUseCase;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Notification;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;

/** Read-side use cases of notifications. */
@Singleton
public class NotificationQueryService implements ListNotificationsUseCase {

    private final Notifications notifications;

    public NotificationQueryService(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    @Transactional
    public List<Notification> notificationsOf(CustomerId customer, PageSize size) {
        return notifications.newestOf(customer, size.value());
    }
}
