package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventEnvelope;
import dev.storefront.messaging.SupervisedSubscription.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupervisedSubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static ConsumerSettings settings(Duration stuckAfter, Duration restartInitialBackoff) {
        return new ConsumerSettings(
                true,
                5,
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                Duration.ofMillis(500),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                stuckAfter,
                restartInitialBackoff,
                Duration.ofMinutes(1),
                Duration.ofDays(14));
    }

    @Test
    void aSubscriptionNotStartedYetIsStartingWithoutAFailureAndStoppedOnceStopped() {
        SupervisedSubscription subscription = new SupervisedSubscription(
                "orders-group", failing("never asked"), settings(Duration.ofMinutes(1), Duration.ofMinutes(1)), null);

        assertThat(subscription.group()).isEqualTo("orders-group");
        assertThat(subscription.state()).isEqualTo(State.STARTING);
        assertThat(subscription.lastFailure()).isEmpty();

        subscription.stop();

        assertThat(subscription.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void aConsumerThatDiesIsReportedDeadWithItsFailureAndStartedAgainAfterItsBackoff() throws Exception {
        CountDownLatch secondStart = new CountDownLatch(1);
        CountDownLatch carryOn = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        ConsumerStats stats = new ConsumerStats();
        Instant before = Instant.now();
        SupervisedSubscription subscription = new SupervisedSubscription(
                "orders-group",
                () -> {
                    if (starts.incrementAndGet() == 1) {
                        throw new IllegalStateException("broker client failed");
                    }
                    secondStart.countDown();
                    awaitQuietly(carryOn);
                    throw new IllegalStateException("failed again");
                },
                settings(Duration.ofMinutes(1), Duration.ofMillis(1)),
                stats);

        subscription.start();
        try {
            assertThat(secondStart.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            assertThat(subscription.state()).isEqualTo(State.DEAD);
            String failure = subscription.lastFailure();
            assertThat(failure).startsWith("java.lang.IllegalStateException: broker client failed at ");
            Instant failedAt = Instant.parse(failure.substring(failure.lastIndexOf(' ') + 1));
            assertThat(failedAt).isBetween(before, Instant.now());
            assertThat(stats.restartCount()).isEqualTo(1);
        } finally {
            carryOn.countDown();
            subscription.stop();
        }
        assertThat(subscription.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void aStopDuringTheRestartBackoffEndsTheSupervisionWithoutARestart() {
        AtomicInteger starts = new AtomicInteger();
        ConsumerStats stats = new ConsumerStats();
        SupervisedSubscription subscription = new SupervisedSubscription(
                "orders-group",
                () -> {
                    starts.incrementAndGet();
                    throw new IllegalStateException("broker client failed");
                },
                settings(Duration.ofMinutes(1), Duration.ofMinutes(1)),
                stats);

        subscription.start();
        await().atMost(WAIT).until(() -> subscription.state() == State.DEAD);
        long stopping = System.nanoTime();
        subscription.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(WAIT);
        assertThat(subscription.state()).isEqualTo(State.STOPPED);
        assertThat(starts).hasValue(1);
        assertThat(stats.restartCount()).isZero();
    }

    /**
     * A real runner on a consumer that never reaches a broker: the runner asks for its topics just before it subscribes
     * (the argument is evaluated first), so a subscription that blocks there holds the loop at a known point.
     */
    @ParameterizedTest
    @CsvSource({"PT1M, RUNNING", "PT0S, STUCK"})
    void aLiveRunnerIsRunningUntilItsLoopHasNotGoneRoundForStuckAfter(Duration stuckAfter, State expected)
            throws Exception {
        CountDownLatch subscribing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventSubscription blocking = subscription(() -> {
            subscribing.countDown();
            awaitQuietly(release);
            return List.of(" ");
        });
        ConsumerSettings settings = settings(stuckAfter, Duration.ofMinutes(1));
        ConsumerStats stats = new ConsumerStats();
        SupervisedSubscription supervised = new SupervisedSubscription(
                "orders-group",
                () -> new SubscriptionRunner(
                        blocking, "orders-group", unconnectedConsumer(), null, null, settings, stats, "orders"),
                settings,
                stats);

        supervised.start();
        try {
            assertThat(subscribing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(supervised.state()).isEqualTo(expected);
        } finally {
            release.countDown();
            supervised.stop();
        }
        assertThat(supervised.state()).isEqualTo(State.STOPPED);
    }

    static KafkaConsumer<String, byte[]> unconnectedConsumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:9",
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "orders-group",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    static EventSubscription subscription(Supplier<List<String>> topics) {
        return new EventSubscription() {
            @Override
            public String consumerGroup() {
                return "orders-group";
            }

            @Override
            public List<String> topics() {
                return topics.get();
            }

            @Override
            public void handle(EventEnvelope event) {}
        };
    }

    private static Supplier<SubscriptionRunner> failing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
