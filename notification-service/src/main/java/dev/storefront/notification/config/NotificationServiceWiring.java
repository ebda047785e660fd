package dev.storefront.notification.config;

import dev.storefront.notification.application.DeliveryService;
import dev.storefront.notification.application.LiveStreamService;
import dev.storefront.notification.application.MessageModels;
import dev.storefront.notification.application.port.out.MessageTemplates;
import dev.storefront.notification.domain.NotificationKind;
import dev.storefront.notification.domain.RetryPolicy;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The plain values the application layer needs, built from configuration ({@code storefront.notifications.*}). */
@Factory
class NotificationServiceWiring {

    /** Ticks in microseconds, the precision Postgres keeps: a notification read back equals the one stored. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    LiveStreamService.Limits streamLimits(
            @Value("${storefront.notifications.streams.max-per-customer:5}") int perCustomer,
            @Value("${storefront.notifications.streams.max-per-instance:10000}") int perInstance,
            @Value("${storefront.notifications.streams.batch:100}") int batch,
            @Value("${storefront.notifications.streams.concurrent-fetches:4}") int concurrentFetches) {
        return new LiveStreamService.Limits(perCustomer, perInstance, batch, concurrentFetches);
    }

    @Singleton
    DeliveryService.Settings deliverySettings(
            @Value("${storefront.notifications.delivery.max-attempts:8}") int maxAttempts,
            @Value("${storefront.notifications.delivery.initial-backoff:1s}") Duration initialBackoff,
            @Value("${storefront.notifications.delivery.max-backoff:5m}") Duration maxBackoff,
            @Value("${storefront.notifications.delivery.lease:30s}") Duration lease,
            @Value("${storefront.notifications.delivery.batch:50}") int batch) {
        return new DeliveryService.Settings(new RetryPolicy(maxAttempts, initialBackoff, maxBackoff), lease, batch);
    }

    /**
     * Renders every kind's template with a full sample model at start-up: a template that names a value the model
     * does not hold stops the service from starting, instead of failing on a customer's notification.
     */
    @Context
    TemplatesChecked templatesChecked(MessageTemplates templates) {
        for (NotificationKind kind : NotificationKind.values()) {
            templates.render(kind, MessageModels.sample(kind));
        }
        return new TemplatesChecked();
    }

    /** Marker bean: the templates rendered. */
    static final class TemplatesChecked {}
}
