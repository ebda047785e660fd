package dev.storefront.notification.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.domain.Notification;
import dev.storefront.notification.domain.PageSize;
import java.util.List;

/** A customer's own notifications, newest first. */
public interface ListNotificationsUseCase {

    List<Notification> notificationsOf(CustomerId customer, PageSize size);
}
