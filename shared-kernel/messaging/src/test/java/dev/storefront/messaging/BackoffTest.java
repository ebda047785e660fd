package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theFirstRetryWaitsTheInitialTimeAndEachFurtherOneTwiceAsLong() {
        assertThat(BACKOFF.before(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(BACKOFF.before(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(BACKOFF.before(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(BACKOFF.before(4)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void theWaitNeverExceedsTheMaximum() {
        assertThat(BACKOFF.before(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BACKOFF.before(1_000)).isEqualTo(Duration.ofSeconds(1));
        Backoff reachingMaxExactly = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(1));
        assertThat(reachingMaxExactly.before(3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aStepBelowOneCountsAsTheFirstRetry() {
        assertThat(BACKOFF.before(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(BACKOFF.before(-3)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theDoublingStopsAfterTwentySteps() {
        // Without the cap a large step would shift the factor past the sign bit and yield a negative wait.
        Backoff unbounded = new Backoff(Duration.ofNanos(1), Duration.ofDays(365));

        assertThat(unbounded.before(21)).isEqualTo(Duration.ofNanos(1L << 20));
        assertThat(unbounded.before(22)).isEqualTo(Duration.ofNanos(1L << 20));
        assertThat(unbounded.before(64)).isEqualTo(Duration.ofNanos(1L << 20));
        assertThat(unbounded.before(20)).isEqualTo(Duration.ofNanos(1L << 19));
    }
}
