package dev.storefront.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The service's producer with the broker's answers chosen by the test: every send is recorded and answered by
 * {@link #answer}. The Kafka client underneath is built but never sent through; it makes one connection attempt to
 * an unused loopback port and, with its reconnect backoff at an hour, no further one.
 */
final class FakeProducer extends EventProducer {

    final List<ProducerRecord<String, byte[]>> sent = new CopyOnWriteArrayList<>();
    volatile Function<ProducerRecord<String, byte[]>, Future<RecordMetadata>> answer = FakeProducer::acknowledged;

    FakeProducer() {
        super(
                "127.0.0.1:9",
                Map.of(
                        ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG,
                        3_600_000L,
                        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                        3_600_000L,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "fake-producer-" + System.identityHashCode(new Object())));
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        sent.add(record);
        return answer.apply(record);
    }

    static Future<RecordMetadata> acknowledged(ProducerRecord<String, byte[]> record) {
        return CompletableFuture.completedFuture(
                new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0));
    }

    /** The broker's refusal, arriving after the send returned. */
    static Future<RecordMetadata> failsLater(Throwable error) {
        return new Pending() {
            @Override
            public RecordMetadata get(long timeout, TimeUnit unit) throws ExecutionException {
                throw new ExecutionException(error);
            }
        };
    }

    /** No answer within however long the caller waits; records how long that was. */
    static final class NeverAnswered extends Pending {
        volatile long waitedNanos = -1;

        @Override
        public RecordMetadata get(long timeout, TimeUnit unit) throws TimeoutException {
            waitedNanos = unit.toNanos(timeout);
            throw new TimeoutException("no acknowledgement");
        }
    }

    /** A send still under way when it returned. */
    abstract static class Pending implements Future<RecordMetadata> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public State state() {
            return State.RUNNING;
        }

        @Override
        public RecordMetadata get() {
            throw new UnsupportedOperationException("the caller waits with a timeout");
        }
    }
}
