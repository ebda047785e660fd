package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What travels on every topic: metadata that lets any consumer route, deduplicate, order and trace an event without
 * knowing its payload, plus the payload itself in {@code data}. Serialised as JSON; its schema is
 * {@code schemas/envelope.v1.json}.
 *
 * @param id unique and time-ordered (UUIDv7); consumers deduplicate on it
 * @param type the event type, e.g. {@code OrderPlaced}
 * @param version the version of {@code type}'s payload schema
 * @param source the service that produced it, e.g. {@code order-service}
 * @param occurredAt when the state change was made (the event is appended in the same transaction)
 * @param aggregateId the id of the aggregate that changed; also the Kafka key
 * @param correlationId shared by every event of one business flow (the order id for the golden journey)
 * @param causationId the id of the event that caused this one, or null for an event caused by a request
 * @param traceparent W3C trace context of the request or event that caused it
 * @param data the payload, valid against the schema of {@code type} and {@code version}
 */
public record EventEnvelope(
        String id,
        String type,
        int version,
        String source,
        Instant occurredAt,
        String aggregateId,
        String correlationId,
        String causationId,
        String traceparent,
        JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(data, "data");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }
}
