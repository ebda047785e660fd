package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.messaging.SupervisedSubscription.State;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class ConsumerHealthIndicatorTest {

    /** The consumers as the indicator sees them, fixed by the test. */
    private static final class Consumers extends InboxConsumer {
        private final boolean expects;
        private final boolean consuming;
        private final Map<String, State> states;
        private final Map<String, String> failures;

        Consumers(boolean expects, boolean consuming, Map<String, State> states, Map<String, String> failures) {
            super(List.of(), "127.0.0.1:9", null, null, null, null, null, null);
            this.expects = expects;
            this.consuming = consuming;
            this.states = states;
            this.failures = failures;
        }

        @Override
        public synchronized Map<String, State> states() {
            return states;
        }

        @Override
        synchronized Map<String, String> lastFailures() {
            return failures;
        }

        @Override
        synchronized boolean consuming() {
            return consuming;
        }

        @Override
        boolean expectsSubscriptions() {
            return expects;
        }
    }

    @Test
    void aServiceWithoutConsumersIsReady() {
        HealthResult result = result(new Consumers(false, false, Map.of(), Map.of()));

        assertThat(result.getName()).isEqualTo("consumers");
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).isEmpty();
    }

    @Test
    void consumersWaitingForTheirTopicsAreReadyAndSaySo() {
        HealthResult result = result(new Consumers(true, false, Map.of(), Map.of()));

        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsExactly(Map.entry("state", "WAITING_FOR_TOPICS"));
    }

    @ParameterizedTest
    @EnumSource(
            value = State.class,
            names = {"STARTING", "RUNNING", "STOPPED"})
    void consumersThatAreAliveAreReady(State state) {
        HealthResult result = result(new Consumers(true, true, Map.of("orders-group", state), Map.of()));

        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsExactly(Map.entry("orders-group", state.name()));
    }

    @ParameterizedTest
    @EnumSource(
            value = State.class,
            names = {"DEAD", "STUCK"})
    void oneDeadOrStuckConsumerMakesTheServiceNotReady(State state) {
        Map<String, State> states = new LinkedHashMap<>();
        states.put("orders-group", State.RUNNING);
        states.put("products-group", state);

        HealthResult result = result(new Consumers(
                true,
                true,
                states,
                Map.of("products-group", "java.lang.IllegalStateException: x at 2026-12-01T10:00:00Z")));

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result))
                .containsExactly(
                        Map.entry("orders-group", "RUNNING"),
                        Map.entry("products-group", state.name()),
                        Map.entry(
                                "products-group.last-failure",
                                "java.lang.IllegalStateException: x at 2026-12-01T10:00:00Z"));
    }

    private static HealthResult result(InboxConsumer consumers) {
        AtomicReference<HealthResult> result = new AtomicReference<>();
        new ConsumerHealthIndicator(consumers).getResult().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult value) {
                result.set(value);
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError(error);
            }

            @Override
            public void onComplete() {}
        });
        return result.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }
}
