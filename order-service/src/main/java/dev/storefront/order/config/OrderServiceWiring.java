package dev.storefront.order.config;

import dev.storefront.order.application.CheckoutPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The plain values the application layer needs, built from configuration. */
@Factory
class OrderServiceWiring {

    /** Ticks in microseconds, the precision Postgres keeps: an order read back equals the order as placed. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    CheckoutPolicy checkoutPolicy(
            @Value("${storefront.orders.time-to-confirm:15m}") Duration timeToConfirm,
            @Value("${storefront.orders.idempotency-key-retention:24h}") Duration keyRetention) {
        return new CheckoutPolicy(timeToConfirm, keyRetention);
    }
}
