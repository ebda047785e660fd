package dev.storefront.messaging;

import dev.storefront.events.Topics;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a record a consumer group cannot process on {@code <topic>.dlq}: the original key, value and headers, byte for
 * byte, plus the {@link DeadLetterHeaders} that say where it came from and why. Waits for the broker's
 * acknowledgement, so the consumer commits past the record only once its letter is safe.
 */
final class DeadLetterPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final long ACK_TIMEOUT_SECONDS = 15;

    private final EventProducer producer;
    private final String group;

    DeadLetterPublisher(EventProducer producer, String group) {
        this.producer = producer;
        this.group = group;
    }

    /**
     * Publishes the letter.
     *
     * @throws DeadLetterFailedException when the broker did not acknowledge it (the record must be tried again later)
     */
    void publish(ConsumerRecord<String, byte[]> record, String reason, String error, int attempts) {
        String dlq = Topics.deadLetterOf(record.topic());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(dlq, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        letter.headers()
                .add(DeadLetterHeaders.ORIGINAL_TOPIC, EventProducer.bytes(record.topic()))
                .add(DeadLetterHeaders.ORIGINAL_PARTITION, EventProducer.bytes(Integer.toString(record.partition())))
                .add(DeadLetterHeaders.ORIGINAL_OFFSET, EventProducer.bytes(Long.toString(record.offset())))
                .add(DeadLetterHeaders.CONSUMER_GROUP, EventProducer.bytes(group))
                .add(DeadLetterHeaders.REASON, EventProducer.bytes(reason))
                .add(DeadLetterHeaders.ERROR, EventProducer.bytes(truncate(error)))
                .add(DeadLetterHeaders.ATTEMPTS, EventProducer.bytes(Integer.toString(attempts)))
                .add(
                        DeadLetterHeaders.FAILED_AT,
                        EventProducer.bytes(Instant.now().toString()));
        try {
            producer.send(letter).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailedException(record, e);
        } catch (Exception e) {
            throw new DeadLetterFailedException(record, e);
        }
        LOG.warn(
                "{}: {}-{}@{} dead-lettered to {} ({}): {}",
                group,
                record.topic(),
                record.partition(),
                record.offset(),
                dlq,
                reason,
                error);
    }

    private static String truncate(String value) {
        String text = value == null ? "" : value;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** The broker did not take a dead letter: nothing is lost, the record is tried again later. */
    static final class DeadLetterFailedException extends RuntimeException {
        DeadLetterFailedException(ConsumerRecord<?, ?> record, Throwable cause) {
            super("could not dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset(), cause);
        }
    }
}
