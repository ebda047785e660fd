package dev.storefront.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Readiness of the service's consumers ({@code /health/readiness}, and {@code /health}): DOWN while any consumer group
 * of this instance is dead (waiting to be restarted) or stuck (its loop has not gone round for
 * {@code storefront.messaging.consumer.stuck-after}). Consumers still waiting for their topics count as UP (with
 * {@code WAITING_FOR_TOPICS} in the details): the service serves HTTP while the broker is away, and the broker's own
 * indicator reports that it is away.
 */
@Singleton
@Readiness
@Requires(beans = {InboxConsumer.class, HealthEndpoint.class})
class ConsumerHealthIndicator implements HealthIndicator {

    static final String NAME = "consumers";

    private final InboxConsumer consumers;

    ConsumerHealthIndicator(InboxConsumer consumers) {
        this.consumers = consumers;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, SupervisedSubscription.State> states = consumers.states();
        HealthStatus status;
        Map<String, Object> details = new LinkedHashMap<>();
        if (consumers.expectsSubscriptions() && !consumers.consuming()) {
            details.put("state", "WAITING_FOR_TOPICS");
        }
        if (states.values().stream()
                .anyMatch(s -> s == SupervisedSubscription.State.DEAD || s == SupervisedSubscription.State.STUCK)) {
            status = HealthStatus.DOWN;
        } else {
            status = HealthStatus.UP;
        }
        states.forEach((group, state) -> details.put(group, state.name()));
        consumers.lastFailures().forEach((group, failure) -> details.put(group + ".last-failure", failure));
        return Publishers.just(
                HealthResult.builder(NAME, status).details(details).build());
    }
}
