package dev.storefront.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void theWaitDoublesPerFailedAttemptUpToTheMaximum() {
        assertThat(policy.waitAfter(1, () -> 0.999999)).isEqualTo(Duration.ofMillis(999));
        assertThat(policy.waitAfter(2, () -> 0.999999)).isEqualTo(Duration.ofMillis(1999));
        assertThat(policy.waitAfter(3, () -> 0.999999)).isEqualTo(Duration.ofMillis(3999));
        assertThat(policy.waitAfter(4, () -> 0.999999)).isEqualTo(Duration.ofMillis(4999));
        assertThat(policy.waitAfter(40, () -> 0.999999)).isEqualTo(Duration.ofMillis(4999));
    }

    @Test
    void jitterSpreadsTheWaitBetweenHalfTheStepAndTheStep() {
        assertThat(policy.waitAfter(2, () -> 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.waitAfter(2, () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.waitAfter(3, () -> 0.25)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aDeliveryIsParkedOnceItsAttemptsRunOut() {
        assertThat(policy.exhausted(3)).isFalse();
        assertThat(policy.exhausted(4)).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
