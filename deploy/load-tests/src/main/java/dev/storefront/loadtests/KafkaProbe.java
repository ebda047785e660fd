package dev.storefront.loadtests;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own end-to-end latency on the stack's broker, measured while the order load runs: a producer configured as
 * the outbox relay's ({@code acks=all}, idempotent) sends small records at a steady rate to a topic of its own, and a
 * consumer in a group of its own records, per record, the time from just before the send to its arrival, in
 * microseconds (both ends in this JVM, so one clock).
 */
final class KafkaProbe implements AutoCloseable {

    static final String TOPIC = "bench.kafka-probe";

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final Thread receiver;
    private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
    private volatile boolean running = true;

    private KafkaProbe(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-probe-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        receiver = new Thread(this::receive, "kafka-probe-consumer");
    }

    /** Creates the probe's topic if needed, joins it and waits until the consumer has its partition. */
    static KafkaProbe start(String bootstrap) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        KafkaProbe probe = new KafkaProbe(bootstrap);
        probe.consumer.subscribe(List.of(TOPIC));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (probe.consumer.assignment().isEmpty() && System.nanoTime() < until) {
            probe.consumer.poll(Duration.ofMillis(100));
        }
        probe.receiver.start();
        return probe;
    }

    /** Sends {@code perSecond} records a second until {@link #close()}. */
    void send(int perSecond) {
        long periodMicros = 1_000_000L / perSecond;
        sender.scheduleAtFixedRate(
                () -> producer.send(new ProducerRecord<>(
                        TOPIC,
                        ByteBuffer.allocate(Long.BYTES)
                                .putLong(System.nanoTime())
                                .array())),
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
    }

    /** The latencies recorded since the last call. */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    private void receive() {
        // The consumer is used by this thread only from here on (KafkaConsumer is single-threaded).
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long sent = ByteBuffer.wrap(record.value()).getLong();
                recorder.recordValue(Math.max(0, (System.nanoTime() - sent) / 1_000));
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdownNow();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(5));
        running = false;
        receiver.join(10_000);
    }
}
