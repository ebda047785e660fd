package dev.storefront.notification.adapter.in.scheduling;

import dev.storefront.notification.application.port.in.DeliverNotificationsUseCase;
import dev.storefront.notification.application.port.in.MaintainStreamsUseCase;
import dev.storefront.notification.application.port.in.ManageDeliveriesUseCase;
import dev.storefront.notification.domain.DeliveryState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's periodic work: delivery rounds (until a round finds less than a full batch), stream heartbeats, polling
 * while the live fan-out is down, and the delivery metrics: {@code storefront.notifications.deliveries{state}} (a
 * gauge per state, refreshed with the heartbeat) and {@code storefront.notifications.delivery.attempts{outcome}}.
 */
@Singleton
@Requires(property = "storefront.notifications.scheduling.enabled", notEquals = "false")
class NotificationScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationScheduler.class);

    private final DeliverNotificationsUseCase delivery;
    private final ManageDeliveriesUseCase deliveries;
    private final MaintainStreamsUseCase streams;
    private final int batch;
    private final Counter sent;
    private final Counter retrying;
    private final Counter parked;
    private final Map<DeliveryState, AtomicLong> states = new EnumMap<>(DeliveryState.class);

    NotificationScheduler(
            DeliverNotificationsUseCase delivery,
            ManageDeliveriesUseCase deliveries,
            MaintainStreamsUseCase streams,
            @Value("${storefront.notifications.delivery.batch:50}") int batch,
            MeterRegistry meters) {
        this.delivery = delivery;
        this.deliveries = deliveries;
        this.streams = streams;
        this.batch = batch;
        this.sent = attempts(meters, "sent");
        this.retrying = attempts(meters, "retrying");
        this.parked = attempts(meters, "parked");
        for (DeliveryState state : DeliveryState.values()) {
            AtomicLong count = new AtomicLong();
            states.put(state, count);
            Gauge.builder("storefront.notifications.deliveries", count, AtomicLong::doubleValue)
                    .description("Deliveries per state (FAILED: parked, waiting for an operator)")
                    .tag("state", state.name())
                    .register(meters);
        }
        Gauge.builder("storefront.notifications.streams.open", streams, MaintainStreamsUseCase::openStreams)
                .description("Notification streams open on this instance")
                .register(meters);
        Gauge.builder("storefront.notifications.push.live", streams, s -> s.pushed() ? 1 : 0)
                .description("1 while new notifications are pushed through Redis, 0 while streams poll Postgres")
                .register(meters);
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("storefront.notifications.delivery.attempts")
                .description("Delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Scheduled(
            initialDelay = "${storefront.notifications.delivery.poll-interval:500ms}",
            fixedDelay = "${storefront.notifications.delivery.poll-interval:500ms}")
    void deliver() {
        try {
            DeliverNotificationsUseCase.Round round;
            do {
                round = delivery.deliverDue();
                sent.increment(round.sent());
                retrying.increment(round.retrying());
                parked.increment(round.parked());
            } while (round.attempted() >= batch);
        } catch (RuntimeException e) {
            LOG.warn("Delivery round failed; trying again next round: {}", e.toString());
        }
    }

    @Scheduled(
            initialDelay = "${storefront.notifications.streams.heartbeat:15s}",
            fixedDelay = "${storefront.notifications.streams.heartbeat:15s}")
    void heartbeat() {
        streams.heartbeat();
        try {
            deliveries.counts().forEach((state, count) -> states.get(state).set(count));
        } catch (RuntimeException e) {
            LOG.debug("Delivery counts not refreshed: {}", e.toString());
        }
    }

    @Scheduled(
            initialDelay = "${storefront.notifications.streams.degraded-poll-interval:1s}",
            fixedDelay = "${storefront.notifications.streams.degraded-poll-interval:1s}")
    void pollWhileDegraded() {
        streams.pollWhileDegraded();
    }
}
