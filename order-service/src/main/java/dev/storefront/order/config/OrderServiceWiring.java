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

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    CheckoutPolicy checkoutPolicy(
            @Value("${storefront.orders.time-to-confirm:15m}") Duration timeToConfirm,
            @Value("${storefront.orders.idempotency-key-retention:24h}") Duration keyRetention) {
        return new CheckoutPolicy(timeToConfirm, keyRetention);
    }
}
