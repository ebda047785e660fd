package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an event against the envelope schema and its type's payload schema. Producers check what they write;
 * consumers check what they read and dead-letter what fails.
 */
public final class SchemaValidator {

    public static final String ENVELOPE_SCHEMA = "schemas/envelope.v1.json";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Draft 2020-12 treats "format" as an annotation unless asked otherwise; our schemas mean it (date-time, uuid).
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaValidator() {}

    /** The problems found, empty when the event is valid. */
    public static List<String> validate(JsonNode event) {
        List<String> problems = new ArrayList<>(messages(schema(ENVELOPE_SCHEMA).validate(event)));
        if (!problems.isEmpty()) {
            return problems;
        }
        String type = event.path("type").asText();
        int version = event.path("version").asInt();
        Optional<EventType<?>> eventType = EventCatalog.find(type, version);
        if (eventType.isEmpty()) {
            return List.of("unknown event type " + type + " v" + version);
        }
        problems.addAll(messages(schema(eventType.get().schemaResource()).validate(event.path("data"))));
        return problems;
    }

    public static List<String> validate(EventEnvelope envelope) {
        return validate(EventCodec.tree(envelope));
    }

    /**
     * Checks only the payload of an envelope this process built. The producer's hot path uses it: the envelope's own
     * fields are guaranteed by {@link EventEnvelope}, {@link EventIds} and {@link Traceparent}, so re-validating them
     * on every write would only cost throughput. Consumers always validate the whole event.
     */
    public static List<String> validatePayload(EventEnvelope envelope) {
        Optional<EventType<?>> eventType = EventCatalog.find(envelope.type(), envelope.version());
        if (eventType.isEmpty()) {
            return List.of("unknown event type " + envelope.type() + " v" + envelope.version());
        }
        return messages(schema(eventType.get().schemaResource()).validate(envelope.data()));
    }

    static JsonSchema schema(String resource) {
        return SCHEMAS.computeIfAbsent(resource, r -> {
            try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("schema " + r + " is missing");
                }
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
