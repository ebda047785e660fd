package dev.storefront.messaging;

import dev.storefront.events.EventEnvelope;
import java.util.List;

/**
 * A service's interest in events: which topics, under which consumer group, and what to do with each event. Declare
 * one as a bean in the service's {@code adapter.in.messaging} package; {@link InboxConsumer} runs it with the inbox,
 * retries and dead letters around it, so the handler only states the effect.
 */
public interface EventSubscription {

    /** The Kafka consumer group, also the inbox's deduplication scope, e.g. {@code catalog-service.inventory}. */
    String consumerGroup();

    List<String> topics();

    /**
     * Applies the event's effect. Runs inside the database transaction that also records the event id in the inbox,
     * so the effect and the record commit together. Throw {@link RejectedEventException} for an event that can never
     * succeed (it goes straight to the dead-letter topic); any other exception is retried with backoff.
     */
    void handle(EventEnvelope event) throws Exception;
}
