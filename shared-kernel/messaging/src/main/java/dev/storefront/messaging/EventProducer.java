package dev.storefront.messaging;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer of a service, used by the outbox relay and for dead letters. Idempotent with acks=all: a
 * record the broker acknowledged is on every in-sync replica, and the producer's own retries never duplicate or
 * reorder records within a partition.
 */
@Singleton
public class EventProducer {

    /** Headers every published event carries, so tools can route and trace without parsing the value. */
    public static final String HEADER_EVENT_ID = "event-id";

    public static final String HEADER_EVENT_TYPE = "event-type";
    public static final String HEADER_TRACEPARENT = "traceparent";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    private final KafkaProducer<String, byte[]> producer;

    @Inject
    public EventProducer(@Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** A producer with some settings overridden (tests shorten the timeouts). */
    EventProducer(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000);
        config.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                "storefront-events-" + ProcessHandle.current().pid());
        config.putAll(overrides);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /** An event record: keyed by aggregate, with the standard headers. */
    static ProducerRecord<String, byte[]> eventRecord(
            String topic, String key, byte[] envelope, String eventId, String eventType, String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, envelope);
        Headers headers = record.headers();
        headers.add(HEADER_EVENT_ID, bytes(eventId));
        headers.add(HEADER_EVENT_TYPE, bytes(eventType));
        headers.add(HEADER_TRACEPARENT, bytes(traceparent));
        headers.add(HEADER_CONTENT_TYPE, bytes("application/json"));
        return record;
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
