package dev.storefront.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Turns envelopes and payloads into JSON bytes and back. Thread-safe. */
public final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A newer producer may add optional fields; readers of this version ignore them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {}

    /** A new envelope for {@code payload}, as the first event of a flow or as caused by {@code cause}. */
    public static <T> EventEnvelope envelope(
            EventType<T> type,
            T payload,
            String source,
            String aggregateId,
            String correlationId,
            String causationId,
            Traceparent traceparent,
            Instant occurredAt) {
        return new EventEnvelope(
                EventIds.newId(),
                type.name(),
                type.version(),
                source,
                occurredAt,
                aggregateId,
                correlationId,
                causationId,
                traceparent.toString(),
                JSON.valueToTree(payload));
    }

    public static byte[] toBytes(EventEnvelope envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise " + envelope.type(), e);
        }
    }

    /** The envelope as the JSON tree it serialises to, without going through bytes. */
    public static JsonNode tree(EventEnvelope envelope) {
        return JSON.valueToTree(envelope);
    }

    public static JsonNode tree(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    /** Reads an envelope; throws {@link IOException} when the bytes are not an envelope. */
    public static EventEnvelope fromBytes(byte[] json) throws IOException {
        if (json == null) {
            throw new IOException("no value");
        }
        return JSON.readValue(json, EventEnvelope.class);
    }

    public static <T> T payload(EventEnvelope envelope, EventType<T> type) {
        if (!envelope.type().equals(type.name()) || envelope.version() != type.version()) {
            throw new IllegalArgumentException(envelope.type() + " v" + envelope.version() + " is not " + type);
        }
        try {
            return JSON.treeToValue(envelope.data(), type.payloadType());
        } catch (IOException e) {
            throw new IllegalArgumentException("payload of " + envelope.id() + " does not map to " + type, e);
        }
    }
}
