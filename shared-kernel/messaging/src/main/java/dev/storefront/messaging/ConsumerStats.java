package dev.storefront.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** What one subscription did with the events it received; also exported as {@code storefront.consumer.events}. */
public final class ConsumerStats {

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    void register(MeterRegistry meters, String group) {
        counter(meters, group, "processed", processed);
        counter(meters, group, "duplicate", duplicates);
        counter(meters, group, "dead-lettered", deadLettered);
        FunctionCounter.builder("storefront.consumer.retries", retries, AtomicLong::get)
                .description("Failed attempts that were retried")
                .tag("group", group)
                .register(meters);
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

    public long duplicateCount() {
        return duplicates.get();
    }
}
