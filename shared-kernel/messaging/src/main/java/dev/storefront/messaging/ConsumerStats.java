package dev.storefront.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What one subscription did with the events it received, exported as {@code storefront.consumer.events} (by outcome),
 * {@code storefront.consumer.retries}, {@code storefront.consumer.assignments}, {@code storefront.consumer.restarts} and
 * {@code storefront.consumer.lag} (records behind the end of each assigned partition).
 */
public final class ConsumerStats {

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong assignments = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private volatile MeterRegistry meters;
    private volatile String group;

    void register(MeterRegistry registry, String consumerGroup) {
        this.meters = registry;
        this.group = consumerGroup;
        counter(registry, consumerGroup, "processed", processed);
        counter(registry, consumerGroup, "duplicate", duplicates);
        counter(registry, consumerGroup, "dead-lettered", deadLettered);
        FunctionCounter.builder("storefront.consumer.retries", retries, AtomicLong::get)
                .description("Failed attempts that will be tried again")
                .tag("group", consumerGroup)
                .register(registry);
        FunctionCounter.builder("storefront.consumer.assignments", assignments, AtomicLong::get)
                .description("Partition assignments this instance received (each rebalance adds one)")
                .tag("group", consumerGroup)
                .register(registry);
        FunctionCounter.builder("storefront.consumer.restarts", restarts, AtomicLong::get)
                .description("Consumers of the group that died and were started again")
                .tag("group", consumerGroup)
                .register(registry);
    }

    private static void counter(MeterRegistry meters, String group, String outcome, AtomicLong value) {
        FunctionCounter.builder("storefront.consumer.events", value, AtomicLong::get)
                .description("Events received by a consumer group, by outcome")
                .tag("group", group)
                .tag("outcome", outcome)
                .register(meters);
    }

    void processed() {
        processed.incrementAndGet();
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void assigned(int partitions) {
        assignments.incrementAndGet();
    }

    void restarted() {
        restarts.incrementAndGet();
    }

    void lag(TopicPartition partition, long records) {
        lag.computeIfAbsent(partition, this::lagGauge).set(records);
    }

    private AtomicLong lagGauge(TopicPartition partition) {
        AtomicLong value = new AtomicLong();
        MeterRegistry registry = meters;
        if (registry != null) {
            Gauge.builder("storefront.consumer.lag", value, AtomicLong::get)
                    .description("Records between the consumer's position and the end of the partition")
                    .tag("group", group)
                    .tag("topic", partition.topic())
                    .tag("partition", Integer.toString(partition.partition()))
                    .register(registry);
        }
        return value;
    }

    public long duplicateCount() {
        return duplicates.get();
    }

    public long processedCount() {
        return processed.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** Times this instance was assigned partitions: one at start, one more per rebalance. */
    public long assignmentCount() {
        return assignments.get();
    }

    public long restartCount() {
        return restarts.get();
    }

    /** Records behind the end, summed over this instance's partitions. */
    public long totalLag() {
        return lag.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
