package dev.storefront.messaging;

import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventEnvelope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The consumer loop under failing, stuck and dying handlers, with a Kafka group whose {@code max.poll.interval.ms} is
 * shorter than the retries of two failing events together: the loop must keep polling while events wait, keep per-key
 * order, report a stuck or dead consumer as not ready, restart a dead one, and stop promptly in any state.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerLoopIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    InboxConsumer consumer;

    @Inject
    ConsumerHealthIndicator health;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(MessagingTestSupport.properties(true));
        // Each failing event waits 3 x 600 ms in all before it is dead-lettered: two of them in one poll take longer
        // than the group's max.poll.interval.ms, so a loop that waited inside a poll would be evicted.
        properties.put("storefront.messaging.consumer.max-attempts", "4");
        properties.put("storefront.messaging.consumer.initial-backoff", "600ms");
        properties.put("storefront.messaging.consumer.max-backoff", "600ms");
        properties.put("storefront.messaging.consumer.max-poll-interval", "2s");
        properties.put("storefront.messaging.consumer.stuck-after", "1s");
        properties.put("storefront.messaging.consumer.restart-initial-backoff", "1s");
        properties.put("storefront.messaging.consumer.restart-max-backoff", "2s");
        return properties;
    }

    @Inject
    MessagingSettings messaging;

    /** The group as this instance runs it, with the test run's suffix. */
    private String group() {
        return MessagingTestSupport.GROUP + messaging.groupSuffix();
    }

    private ConsumerStats stats() {
        return consumer.stats(MessagingTestSupport.GROUP);
    }

    private EventEnvelope announce(String aggregate, long seq) {
        EventEnvelope event = orderPlaced(aggregate, seq);
        transactions.executeWrite(status -> {
            outbox.append(event, TOPIC);
            return null;
        });
        return event;
    }

    private static List<Long> effectsOf(String aggregate) throws SQLException {
        try (Connection db = MessagingTestSupport.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT seq FROM effects WHERE aggregate_id = '" + aggregate + "' ORDER BY applied")) {
            List<Long> seqs = new ArrayList<>();
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
            return seqs;
        }
    }

    private HealthResult readiness() throws Exception {
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        health.getResult().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult item) {
                result.complete(item);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {}
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details() throws Exception {
        return (Map<String, Object>) readiness().getDetails();
    }

    private static String newAggregate() {
        return "order-" + UUID.randomUUID();
    }

    @Test
    @Order(1)
    void failingEventsWaitOnTheirPartitionWhileTheLoopKeepsPollingWithoutARebalance() throws Exception {
        await().atMost(PATIENCE).until(() -> readiness().getStatus() == HealthStatus.UP);
        await().atMost(PATIENCE).until(() -> stats().assignmentCount() >= 1);
        long assignmentsBefore = stats().assignmentCount();
        String failing = newAggregate();
        EventEnvelope first = orderPlaced(failing, 1);
        EventEnvelope second = orderPlaced(failing, 2);
        RecordingSubscription.failingEvents.add(first.id());
        RecordingSubscription.failingEvents.add(second.id());
        transactions.executeWrite(status -> {
            outbox.append(first, TOPIC);
            outbox.append(second, TOPIC);
            return null;
        });
        announce(failing, 3);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String other = newAggregate();
            others.add(other);
            announce(other, 1);
        }

        // While the first failing event waits, the events behind it on its partition show as lag.
        await().atMost(PATIENCE).until(() -> lagGauges() >= 1);
        await().atMost(PATIENCE).until(() -> effectsOf(failing).equals(List.of(3L)));
        for (String other : others) {
            await().atMost(PATIENCE).until(() -> effectsOf(other).equals(List.of(1L)));
        }
        List<String> letters = deadLetters.list(TOPIC, 10_000).stream()
                .filter(l -> failing.equals(l.key()))
                .map(l -> l.header(DeadLetterHeaders.ATTEMPTS))
                .toList();
        assertThat(letters).containsExactly("4", "4");
        assertThat(stats().assignmentCount())
                .as("the member was never evicted for exceeding max.poll.interval.ms")
                .isEqualTo(assignmentsBefore);
    }

    private double lagGauges() {
        return meters.find("storefront.consumer.lag").gauges().stream()
                .mapToDouble(Gauge::value)
                .sum();
    }

    @Test
    @Order(2)
    void aTemporaryFailureIsTriedAgainBeyondTheAttemptLimitAndNeverDeadLettered() throws Exception {
        String aggregate = newAggregate();
        EventEnvelope event = orderPlaced(aggregate, 1);
        // Six failures: more than max-attempts (4), which would dead-letter any other failure.
        RecordingSubscription.temporarilyFailing.put(event.id(), new java.util.concurrent.atomic.AtomicInteger(6));
        transactions.executeWrite(status -> {
            outbox.append(event, TOPIC);
            return null;
        });
        announce(aggregate, 2);

        await().atMost(PATIENCE).until(() -> effectsOf(aggregate).equals(List.of(1L, 2L)));
        assertThat(deadLetters.list(TOPIC, 10_000).stream().filter(l -> aggregate.equals(l.key())))
                .isEmpty();
    }

    @Test
    @Order(3)
    void aStuckHandlerMakesTheServiceNotReadyUntilItMovesAgain() throws Exception {
        String aggregate = newAggregate();
        EventEnvelope event = orderPlaced(aggregate, 1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSubscription.blockingOn.put(event.id(), release);
        try {
            transactions.executeWrite(status -> {
                outbox.append(event, TOPIC);
                return null;
            });
            await().atMost(PATIENCE).until(() -> readiness().getStatus() == HealthStatus.DOWN);
            assertThat(details()).containsEntry(group(), "STUCK");
        } finally {
            release.countDown();
        }
        await().atMost(PATIENCE).until(() -> readiness().getStatus() == HealthStatus.UP);
        await().atMost(PATIENCE).until(() -> effectsOf(aggregate).equals(List.of(1L)));
    }

    @Test
    @Order(4)
    void aConsumerKilledByAStackOverflowIsRestartedAndItsEventAppliedOnce() throws Exception {
        long restartsBefore = stats().restartCount();
        String aggregate = newAggregate();
        EventEnvelope event = orderPlaced(aggregate, 1);
        RecordingSubscription.overflowOnceFor.add(event.id());
        transactions.executeWrite(status -> {
            outbox.append(event, TOPIC);
            return null;
        });
        announce(aggregate, 2);

        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> readiness().getStatus() == HealthStatus.DOWN);
        assertThat(details())
                .containsEntry(group(), "DEAD")
                .hasEntrySatisfying(
                        group() + ".last-failure",
                        failure -> assertThat(failure.toString()).contains("StackOverflowError"));
        await().atMost(PATIENCE).until(() -> effectsOf(aggregate).equals(List.of(1L, 2L)));
        assertThat(stats().restartCount()).isEqualTo(restartsBefore + 1);
        await().atMost(PATIENCE).until(() -> readiness().getStatus() == HealthStatus.UP);
        assertThat(count("SELECT count(*) FROM effects WHERE event_id = '" + event.id() + "'"))
                .isOne();
    }

    @Test
    @Order(5)
    void stopsPromptlyWhileItsHandlerFindsTheDatabaseUnavailable() throws Exception {
        EventEnvelope event = orderPlaced(newAggregate(), 1);
        RecordingSubscription.databaseUnavailableFor.add(event.id());
        transactions.executeWrite(status -> {
            outbox.append(event, TOPIC);
            return null;
        });
        double retried = retriesOf(group());
        await().atMost(PATIENCE).until(() -> retriesOf(group()) >= retried + 2);

        long started = System.nanoTime();
        consumer.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(consumer.states()).isEmpty();
        RecordingSubscription.databaseUnavailableFor.remove(event.id());
    }

    private double retriesOf(String group) {
        return meters.find("storefront.consumer.retries").tag("group", group).functionCounters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
