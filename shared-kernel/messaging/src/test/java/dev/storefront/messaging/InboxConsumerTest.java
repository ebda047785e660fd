package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.messaging.SupervisedSubscription.State;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The consumers of a service before and after its topics exist, without a broker. */
class InboxConsumerTest {

    private static final ConsumerSettings SETTINGS =
            SupervisedSubscriptionTest.settings(Duration.ofMinutes(1), Duration.ofMinutes(1));
    private static final MessagingSettings MESSAGING =
            new MessagingSettings("order-service", "orders", List.of(), 3, (short) 1, "-t1");

    private static InboxConsumer consumer(
            List<EventSubscription> subscriptions, TopicInitializer topics, MeterRegistry meters) {
        return new InboxConsumer(subscriptions, "127.0.0.1:9", null, null, topics, SETTINGS, MESSAGING, meters);
    }

    /** Topics that exist as soon as {@link TopicInitializer#ensureTopics()} is called (there are none to create). */
    private static TopicInitializer noTopicsToCreate() {
        return new TopicInitializer("127.0.0.1:9", MESSAGING);
    }

    @Test
    void aServiceWithoutSubscriptionsConsumesNothing() {
        TopicInitializer topics = noTopicsToCreate();
        InboxConsumer consumer = consumer(List.of(), topics, null);

        consumer.start();
        topics.ensureTopics();

        assertThat(consumer.expectsSubscriptions()).isFalse();
        assertThat(consumer.consuming()).isFalse();
        assertThat(consumer.states()).isEmpty();
        assertThat(consumer.lastFailures()).isEmpty();
    }

    @Test
    void subscriptionsWaitForTheTopics() {
        InboxConsumer consumer = consumer(
                List.of(SupervisedSubscriptionTest.subscription(() -> List.of(" "))), noTopicsToCreate(), null);

        consumer.start();

        assertThat(consumer.expectsSubscriptions()).isTrue();
        assertThat(consumer.consuming()).isFalse();
        assertThat(consumer.states()).isEmpty();
    }

    @Test
    void aConsumerStoppedBeforeItsTopicsExistNeverStarts() {
        TopicInitializer topics = noTopicsToCreate();
        InboxConsumer consumer =
                consumer(List.of(SupervisedSubscriptionTest.subscription(() -> List.of(" "))), topics, null);

        consumer.start();
        consumer.stop();
        topics.ensureTopics();

        assertThat(topics.ready()).isCompleted();
        assertThat(consumer.consuming()).isFalse();
        assertThat(consumer.states()).isEmpty();
    }

    @Test
    void onceTheTopicsExistEachSubscriptionRunsUnderItsInstancesGroupAndReportsHowItDied() {
        TopicInitializer topics = noTopicsToCreate();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // A blank topic name makes the consumer's subscribe fail at once: a consumer that dies, with no broker needed.
        InboxConsumer consumer =
                consumer(List.of(SupervisedSubscriptionTest.subscription(() -> List.of(" "))), topics, meters);
        try {
            consumer.start();
            topics.ensureTopics();

            assertThat(consumer.consuming()).isTrue();
            assertThat(consumer.states()).containsOnlyKeys("orders-group-t1");
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.states().get("orders-group-t1") == State.DEAD);
            assertThat(consumer.lastFailures())
                    .hasEntrySatisfying(
                            "orders-group-t1",
                            failure -> assertThat(failure).startsWith("java.lang.IllegalArgumentException"));
            assertThat(meters.get("storefront.consumer.events")
                            .tag("group", "orders-group-t1")
                            .tag("outcome", "processed")
                            .functionCounter())
                    .isNotNull();
            consumer.stats("orders-group").processed();
            assertThat(meters.get("storefront.consumer.events")
                            .tag("group", "orders-group-t1")
                            .tag("outcome", "processed")
                            .functionCounter()
                            .count())
                    .as("the group's stats are the ones registered")
                    .isEqualTo(1.0);
        } finally {
            consumer.stop();
        }
        assertThat(consumer.consuming()).isFalse();
        assertThat(threadAlive("consumer-orders-group-t1"))
                .as("stopping ends the supervising thread")
                .isFalse();
    }

    @Test
    void aConsumerThatHasNotFailedReportsNoFailure() throws InterruptedException {
        TopicInitializer topics = noTopicsToCreate();
        CountDownLatch subscribing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Holds the consumer's own thread just before it subscribes (the start-up log asks for the topics too).
        InboxConsumer consumer = consumer(
                List.of(SupervisedSubscriptionTest.subscription(() -> {
                    if (Thread.currentThread().getName().startsWith("consumer-")) {
                        subscribing.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return List.of(" ");
                })),
                topics,
                null);
        try {
            consumer.start();
            topics.ensureTopics();
            assertThat(subscribing.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(consumer.states()).containsExactly(Map.entry("orders-group-t1", State.RUNNING));
            assertThat(consumer.lastFailures()).isEmpty();
        } finally {
            release.countDown();
            consumer.stop();
        }
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(name) && thread.isAlive());
    }

    @Test
    void eachGroupHasItsOwnStats() {
        InboxConsumer consumer = consumer(List.of(), noTopicsToCreate(), null);

        ConsumerStats orders = consumer.stats("orders-group");

        assertThat(consumer.stats("orders-group")).isSameAs(orders);
        assertThat(consumer.stats("products-group")).isNotSameAs(orders);
    }

    @Test
    void creatingNoTopicsIsReadyAtOnceAndStaysReady() {
        TopicInitializer topics = noTopicsToCreate();
        assertThat(topics.ready()).isNotDone();

        topics.ensureTopics();
        topics.ensureTopics();

        assertThat(topics.ready()).isCompleted();
    }
}
