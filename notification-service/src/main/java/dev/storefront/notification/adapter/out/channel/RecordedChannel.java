package dev.storefront.notification.adapter.out.channel;

import dev.storefront.notification.application.port.out.NotificationChannel;
import dev.storefront.notification.domain.Notification;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default channel: the notification is delivered by being kept (the customer reads it in the list and the stream);
 * the delivery records that, and the log says so. A team adds e-mail or SMS as another {@link NotificationChannel}.
 */
@Singleton
@Requires(property = "storefront.notifications.channels.recorded.enabled", notEquals = "false")
class RecordedChannel implements NotificationChannel {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedChannel.class);

    @Override
    public String name() {
        return "recorded";
    }

    @Override
    public void deliver(UUID deliveryId, Notification notification) {
        LOG.info(
                "Notification {} ({}) recorded for customer {}: {}",
                notification.id(),
                notification.kind(),
                notification.customer(),
                notification.subject());
    }
}
