package dev.storefront.notification.application;

import dev.storefront.kernel.DomainException;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.application.port.out.AfterCommit;
import dev.storefront.notification.application.port.out.Deliveries;
import dev.storefront.notification.application.port.out.LivePush;
import dev.storefront.notification.application.port.out.MessageTemplates;
import dev.storefront.notification.application.port.out.NotificationChannel;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.application.port.out.OrderSummaries;
import dev.storefront.notification.domain.Notification;
import dev.storefront.notification.domain.NotificationKind;
import dev.storefront.notification.domain.OrderSummary;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one notification per order event: rendered from its kind's template, stored with the customer's next
 * sequence number, and scheduled for delivery on every channel, all in the caller's (the inbox's) transaction; once
 * that commits, every instance's open streams of the customer hear of it.
 */
@Singleton
public class OrderNotificationService implements RecordOrderNotificationUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(OrderNotificationService.class);

    private final Notifications notifications;
    private final OrderSummaries orders;
    private final Deliveries deliveries;
    private final MessageTemplates templates;
    private final List<String> channels;
    private final LivePush push;
    private final AfterCommit afterCommit;
    private final Clock clock;

    public OrderNotificationService(
            Notifications notifications,
            OrderSummaries orders,
            Deliveries deliveries,
            MessageTemplates templates,
            List<NotificationChannel> channels,
            LivePush push,
            AfterCommit afterCommit,
            Clock clock) {
        this.notifications = notifications;
        this.orders = orders;
        this.deliveries = deliveries;
        this.templates = templates;
        this.channels =
                channels.stream().map(NotificationChannel::name).sorted().toList();
        this.push = push;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void orderPlaced(UUID eventId, OrderSummary order) {
        orders.remember(order);
        record(eventId, NotificationKind.ORDER_RECEIVED, order, null);
    }

    @Override
    @Transactional
    public void orderUpdated(OrderUpdate update) {
        OrderSummary order = orders.of(update.orderId())
                .orElseThrow(() -> DomainException.unprocessable(
                        "order-unknown",
                        "order " + update.orderId() + " was never seen placed: its lines and total are unknown"));
        if (!order.customer().equals(update.customer())) {
            throw DomainException.unprocessable(
                    "order-customer-mismatch",
                    "order " + update.orderId() + " was placed by another customer than the event names");
        }
        record(update.eventId(), update.kind(), order, update.reason());
    }

    private void record(UUID eventId, NotificationKind kind, OrderSummary order, String reason) {
        MessageTemplates.Message message = templates.render(kind, MessageModels.of(order, reason));
        Optional<Notification> appended = notifications.append(new Notifications.NewNotification(
                UUID.randomUUID(),
                eventId,
                order.customer(),
                kind,
                order.orderId(),
                message.subject(),
                message.body(),
                clock.instant()));
        if (appended.isEmpty()) {
            LOG.info("{} of order {} already has its notification; nothing more to do", kind, order.orderId());
            return;
        }
        Notification stored = appended.get();
        deliveries.schedule(stored.id(), channels, stored.createdAt());
        afterCommit.run(() -> push.announce(stored.customer()));
    }
}
