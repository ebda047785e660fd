package dev.storefront.events;

/**
 * One version of one event type: its name, the topic it travels on and the record its payload maps to. The payload
 * schema lives at {@code schemas/<name>.v<version>.json}.
 */
public record EventType<T>(String name, int version, String topic, Class<T> payloadType) {

    public String schemaResource() {
        return "schemas/" + name + ".v" + version + ".json";
    }

    @Override
    public String toString() {
        return name + " v" + version + " on " + topic;
    }
}
