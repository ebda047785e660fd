package dev.storefront.notification.application.port.out;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.domain.Notification;
import java.util.List;

/** Where notifications are kept. */
public interface Notifications {

    List<Notification> newestOf(CustomerId customer, int limit);
}
