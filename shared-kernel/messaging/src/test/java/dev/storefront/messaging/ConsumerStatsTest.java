package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerStatsTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

    @Test
    void eachOutcomeCountsOnItsOwn() {
        ConsumerStats stats = new ConsumerStats();

        stats.processed();
        stats.processed();
        stats.processed();
        stats.duplicate();
        stats.duplicate();
        stats.deadLettered();
        stats.assigned(3);
        stats.assigned(0);
        stats.restarted();

        assertThat(stats.processedCount()).isEqualTo(3);
        assertThat(stats.duplicateCount()).isEqualTo(2);
        assertThat(stats.deadLetteredCount()).isEqualTo(1);
        assertThat(stats.assignmentCount())
                .as("one per assignment, whatever its size")
                .isEqualTo(2);
        assertThat(stats.restartCount()).isEqualTo(1);
    }

    @Test
    void theLagOfAPartitionIsItsLatestReadingAndTheTotalSumsThePartitions() {
        ConsumerStats stats = new ConsumerStats();
        assertThat(stats.totalLag()).isZero();

        stats.lag(ORDERS_0, 40);
        stats.lag(ORDERS_1, 2);
        stats.lag(ORDERS_0, 7);

        assertThat(stats.totalLag()).isEqualTo(9);
    }

    @Test
    void registeredCountersReadTheLiveValuesUnderTheGroupsTags() {
        ConsumerStats stats = new ConsumerStats();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        stats.register(registry, "catalog-service.orders");

        stats.processed();
        stats.processed();
        stats.duplicate();
        stats.deadLettered();
        stats.deadLettered();
        stats.deadLettered();
        stats.retried();
        stats.retried();
        stats.retried();
        stats.retried();
        stats.assigned(2);
        stats.restarted();
        stats.restarted();

        assertThat(events(registry, "processed")).isEqualTo(2.0);
        assertThat(events(registry, "duplicate")).isEqualTo(1.0);
        assertThat(events(registry, "dead-lettered")).isEqualTo(3.0);
        assertThat(count(registry, "storefront.consumer.retries")).isEqualTo(4.0);
        assertThat(count(registry, "storefront.consumer.assignments")).isEqualTo(1.0);
        assertThat(count(registry, "storefront.consumer.restarts")).isEqualTo(2.0);
    }

    @Test
    void aRegisteredGroupGetsALagGaugePerPartition() {
        ConsumerStats stats = new ConsumerStats();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        stats.register(registry, "g");

        stats.lag(ORDERS_1, 12);
        stats.lag(ORDERS_1, 5);

        assertThat(registry.get("storefront.consumer.lag")
                        .tag("group", "g")
                        .tag("topic", "orders")
                        .tag("partition", "1")
                        .gauge()
                        .value())
                .isEqualTo(5.0);
        assertThat(registry.find("storefront.consumer.lag").gauges()).hasSize(1);
    }

    @Test
    void lagReadBeforeRegistrationIsCountedWithoutAGauge() {
        ConsumerStats stats = new ConsumerStats();

        stats.lag(ORDERS_0, 3);

        assertThat(stats.totalLag()).isEqualTo(3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        stats.register(registry, "g");
        assertThat(registry.find("storefront.consumer.lag").gauges()).isEmpty();
    }

    private static double events(SimpleMeterRegistry registry, String outcome) {
        return registry.get("storefront.consumer.events")
                .tag("group", "catalog-service.orders")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        return registry.get(name)
                .tag("group", "catalog-service.orders")
                .functionCounter()
                .count();
    }
}
