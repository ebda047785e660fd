package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.events.EventEnvelope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagingSettingsTest {

    static RelaySettings relay(Duration sendTimeout, Duration claimLease) {
        return new RelaySettings(
                true,
                Duration.ofMillis(200),
                false,
                500,
                sendTimeout,
                claimLease,
                5,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofDays(7),
                Duration.ofMinutes(1));
    }

    static ConsumerSettings consumer(Duration initialBackoff, Duration maxBackoff) {
        return new ConsumerSettings(
                true,
                5,
                initialBackoff,
                maxBackoff,
                Duration.ofMillis(500),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofDays(14));
    }

    @Test
    void aClaimLeaseMustOutlastTheSendTimeout() {
        assertThatThrownBy(() -> relay(Duration.ofSeconds(15), Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim-lease (PT15S)")
                .hasMessageContaining("send-timeout (PT15S)");
        assertThatThrownBy(() -> relay(Duration.ofSeconds(15), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);

        RelaySettings settings =
                relay(Duration.ofSeconds(15), Duration.ofSeconds(15).plusMillis(1));
        assertThat(settings.claimLease()).isEqualTo(Duration.ofMillis(15_001));
    }

    @Test
    void theRelayBacksOffFromItsInitialWaitPerFailedAttemptUpToItsMaximum() {
        RelaySettings settings = relay(Duration.ofSeconds(15), Duration.ofSeconds(30));

        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(settings.backoffAfter(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aConsumerWaitsTheInitialBackoffBeforeItsSecondAttempt() {
        ConsumerSettings settings = consumer(Duration.ofMillis(100), Duration.ofSeconds(5));

        assertThat(settings.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.backoffBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoffBefore(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(settings.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.backoffBefore(50)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anInstancesConsumerGroupCarriesItsSuffix() {
        EventSubscription subscription = new EventSubscription() {
            @Override
            public String consumerGroup() {
                return "catalog-service.orders";
            }

            @Override
            public List<String> topics() {
                return List.of("orders");
            }

            @Override
            public void handle(EventEnvelope event) {}
        };

        assertThat(new MessagingSettings("catalog-service", "catalog", List.of(), 3, (short) 1, "-test-7")
                        .groupOf(subscription))
                .isEqualTo("catalog-service.orders-test-7");
        assertThat(new MessagingSettings("catalog-service", "catalog", List.of(), 3, (short) 1, "")
                        .groupOf(subscription))
                .isEqualTo("catalog-service.orders");
    }
}
