package dev.storefront.notification.application;

import dev.storefront.kernel.DomainException;
import dev.storefront.notification.application.port.in.DeliverNotificationsUseCase;
import dev.storefront.notification.application.port.in.ManageDeliveriesUseCase;
import dev.storefront.notification.application.port.out.Deliveries;
import dev.storefront.notification.application.port.out.NotificationChannel;
import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.DeliveryState;
import dev.storefront.notification.domain.RetryPolicy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications through their channels, apart from event consumption: a slow or failing endpoint delays only
 * its own deliveries. Each round claims due deliveries with a lease (several instances share the work, none sends what
 * another holds; a delivery whose instance died is due again when its lease ends), attempts them in parallel, and
 * records each outcome: SENT, PENDING again after a jittered backoff, or FAILED (parked) once attempts run out.
 * Delivery is at least once: a receiver drops repeats by the delivery id it is sent with.
 */
@Singleton
public class DeliveryService implements DeliverNotificationsUseCase, ManageDeliveriesUseCase {

    /**
     * @param lease how long a claimed delivery stays with the instance that claimed it; longer than any attempt
     * @param batch deliveries claimed per round
     */
    public record Settings(RetryPolicy retry, Duration lease, int batch) {}

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final int MAX_ERROR = 500;

    private final Deliveries deliveries;
    private final Map<String, NotificationChannel> channels;
    private final Settings settings;
    private final Executor executor;
    private final Clock clock;

    public DeliveryService(
            Deliveries deliveries,
            List<NotificationChannel> channels,
            Settings settings,
            @Named("blocking") Executor executor,
            Clock clock) {
        this.deliveries = deliveries;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    private enum Outcome {
        SENT,
        RETRYING,
        PARKED
    }

    @Override
    public Round deliverDue() {
        List<Deliveries.Claimed> claimed = deliveries.claimDue(clock.instant(), settings.lease(), settings.batch());
        List<CompletableFuture<Outcome>> attempts = new ArrayList<>(claimed.size());
        for (Deliveries.Claimed delivery : claimed) {
            attempts.add(CompletableFuture.supplyAsync(() -> attempt(delivery), executor));
        }
        int sent = 0;
        int retrying = 0;
        int parked = 0;
        for (CompletableFuture<Outcome> attempt : attempts) {
            switch (attempt.join()) {
                case SENT -> sent++;
                case RETRYING -> retrying++;
                case PARKED -> parked++;
            }
        }
        return new Round(sent, retrying, parked);
    }

    private Outcome attempt(Deliveries.Claimed claimed) {
        Delivery delivery = claimed.delivery();
        int attempts = delivery.attempts() + 1;
        NotificationChannel channel = channels.get(delivery.channel());
        String error;
        if (channel == null) {
            error = "channel " + delivery.channel() + " is not configured on this instance";
        } else {
            try {
                channel.deliver(delivery.id(), claimed.notification());
                deliveries.sent(delivery.id(), attempts, clock.instant());
                return Outcome.SENT;
            } catch (NotificationChannel.DeliveryFailedException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = e.toString();
            }
        }
        Instant now = clock.instant();
        boolean exhausted = settings.retry().exhausted(attempts);
        Optional<Instant> next = exhausted
                ? Optional.empty()
                : Optional.of(now.plus(settings.retry().waitAfter(attempts, ThreadLocalRandom.current()::nextDouble)));
        deliveries.failed(delivery.id(), attempts, truncated(error), next, now);
        if (exhausted) {
            LOG.warn(
                    "Delivery {} of notification {} through {} parked after {} attempts: {}",
                    delivery.id(),
                    delivery.notificationId(),
                    delivery.channel(),
                    attempts,
                    error);
            return Outcome.PARKED;
        }
        return Outcome.RETRYING;
    }

    private static String truncated(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    @Override
    public List<Delivery> inState(DeliveryState state, int limit) {
        return deliveries.inState(state, limit);
    }

    @Override
    public Delivery retry(UUID deliveryId) {
        return deliveries.revive(deliveryId, clock.instant()).orElseThrow(() -> {
            Delivery found = deliveries
                    .find(deliveryId)
                    .orElseThrow(() -> DomainException.notFound("delivery-not-found", "no delivery " + deliveryId));
            return DomainException.conflict(
                    "delivery-not-parked", "delivery " + deliveryId + " is " + found.state() + ", not parked");
        });
    }

    @Override
    public Map<DeliveryState, Long> counts() {
        return deliveries.counts();
    }
}
