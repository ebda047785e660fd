package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

    private static final FakeProducer PRODUCER = new FakeProducer();

    private final DeadLetterPublisher publisher = new DeadLetterPublisher(PRODUCER, "catalog.orders");

    @BeforeEach
    void brokerAcknowledgesEverything() {
        PRODUCER.sent.clear();
        PRODUCER.answer = FakeProducer::acknowledged;
    }

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    private static ConsumerRecord<String, byte[]> failed() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                "orders.order.v1", 2, 41L, "order-1", "{\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventProducer.HEADER_EVENT_ID, EventProducer.bytes("event-1"));
        return record;
    }

    @Test
    void aLetterIsTheRecordByteForByteOnTheDeadLetterTopicWithWhereAndWhyItFailed() {
        Instant before = Instant.now();

        publisher.publish(failed(), "handler-failed", "IllegalStateException: boom", 5);

        ProducerRecord<String, byte[]> letter = PRODUCER.sent.get(0);
        assertThat(letter.topic()).isEqualTo("orders.order.v1.dlq");
        assertThat(letter.key()).isEqualTo("order-1");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"e\"}");
        Map<String, String> headers = headers(letter);
        assertThat(headers)
                .containsEntry(EventProducer.HEADER_EVENT_ID, "event-1")
                .containsEntry(DeadLetterHeaders.ORIGINAL_TOPIC, "orders.order.v1")
                .containsEntry(DeadLetterHeaders.ORIGINAL_PARTITION, "2")
                .containsEntry(DeadLetterHeaders.ORIGINAL_OFFSET, "41")
                .containsEntry(DeadLetterHeaders.CONSUMER_GROUP, "catalog.orders")
                .containsEntry(DeadLetterHeaders.REASON, "handler-failed")
                .containsEntry(DeadLetterHeaders.ERROR, "IllegalStateException: boom")
                .containsEntry(DeadLetterHeaders.ATTEMPTS, "5");
        assertThat(Instant.parse(headers.get(DeadLetterHeaders.FAILED_AT))).isBetween(before, Instant.now());
        assertThat(keys(letter)).startsWith(EventProducer.HEADER_EVENT_ID);
    }

    @Test
    void theErrorIsCutToTwoThousandCharactersAndAMissingOneIsEmpty() {
        String exactly = "x".repeat(2_000);

        publisher.publish(failed(), "schema", exactly, 0);
        publisher.publish(failed(), "schema", exactly + "more", 0);
        publisher.publish(failed(), "deserialization", null, 0);

        assertThat(PRODUCER.sent)
                .extracting(letter -> headers(letter).get(DeadLetterHeaders.ERROR))
                .containsExactly(exactly, exactly, "");
    }

    @Test
    void aLetterTheBrokerDoesNotTakeFailsThePublish() {
        NotEnoughReplicasException refusal = new NotEnoughReplicasException("1 of 3 in sync");
        PRODUCER.answer = record -> FakeProducer.failsLater(refusal);

        assertThatThrownBy(() -> publisher.publish(failed(), "rejected", "no", 1))
                .isInstanceOf(DeadLetterPublisher.DeadLetterFailedException.class)
                .hasMessage("could not dead-letter orders.order.v1-2@41")
                .hasRootCause(refusal);
    }

    @Test
    void aPublishInterruptedWhileWaitingKeepsTheInterrupt() {
        PRODUCER.answer = record -> new FakeProducer.Pending() {
            @Override
            public RecordMetadata get(long timeout, TimeUnit unit) throws InterruptedException {
                throw new InterruptedException("shutting down");
            }
        };

        assertThatThrownBy(() -> publisher.publish(failed(), "rejected", "no", 1))
                .isInstanceOf(DeadLetterPublisher.DeadLetterFailedException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted())
                .as("the interrupt is kept (and cleared here)")
                .isTrue();
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static List<String> keys(ProducerRecord<String, byte[]> record) {
        List<String> keys = new ArrayList<>();
        record.headers().forEach(h -> keys.add(h.key()));
        return keys;
    }
}
