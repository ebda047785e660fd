package dev.storefront.notification.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.domain.Notification;
import java.util.List;

/** A customer's own notifications, newest first. */
public interface ListNotificationsUseCase {

    List<Notification> notificationsOf(CustomerId customer, PageSize size);
}
