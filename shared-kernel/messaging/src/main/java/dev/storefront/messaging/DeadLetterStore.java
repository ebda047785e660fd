package dev.storefront.messaging;

import dev.storefront.events.Topics;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a dead-letter topic and puts letters back on their original topic (redrive). Reading uses a consumer without
 * a group, so listing changes nothing; a redriven record is a new copy with the same key, value bytes and event, and
 * consumers that already applied it skip it through their inbox, which makes redriving the same letter twice harmless.
 * Every redrive is recorded ({@link RedriveLog}).
 */
@Singleton
public class DeadLetterStore {

    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final EventProducer producer;
    private final RedriveLog log;

    DeadLetterStore(
            @Value("${kafka.bootstrap.servers}") String bootstrapServers, EventProducer producer, RedriveLog log) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
        this.log = log;
    }

    /** A letter as listed to operators. */
    public record DeadLetter(
            String topic, int partition, long offset, String key, Map<String, String> headers, byte[] rawValue) {

        public String header(String name) {
            return headers.get(name);
        }

        /** The value as text, for people; redrive uses the raw bytes. */
        public String value() {
            return rawValue == null ? "" : new String(rawValue, StandardCharsets.UTF_8);
        }
    }

    /** Up to {@code limit} letters of {@code topic}'s dead-letter topic, oldest first per partition. */
    public List<DeadLetter> list(String topic, int limit) {
        String dlq = Topics.deadLetterOf(topic);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(dlq, READ_DEADLINE).stream()
                    .map(info -> new TopicPartition(dlq, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return letters;
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_DEADLINE);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (letters.size() < limit && !reachedEnd(reader, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (letters.size() < limit) {
                        letters.add(toLetter(record));
                    }
                }
            }
        }
        return letters;
    }

    /** What a redrive put back: the letters, how many it skipped as redriven before, and whether it read to the end. */
    public record RedriveReport(List<DeadLetter> redriven, int skippedAsRedrivenBefore, boolean complete) {}

    /**
     * Puts letters of {@code topic}'s dead-letter topic back on their original topic, byte for byte: the one at
     * {@code partition}/{@code offset} when both are given (even if it was redriven before), otherwise every letter not
     * redriven before. Letters are read and redriven one by one until the end of the topic as it was when the redrive
     * began; a read that makes no progress for {@link #READ_DEADLINE} ends the redrive with {@code complete = false}, so
     * a partial redrive is never mistaken for a whole one. Each redriven letter is recorded in the {@link RedriveLog}.
     */
    public RedriveReport redrive(String topic, Optional<Integer> partition, Optional<Long> offset, String by)
            throws Exception {
        String dlq = Topics.deadLetterOf(topic);
        boolean one = partition.isPresent() && offset.isPresent();
        Map<RedriveLog.Coordinates, java.time.Instant> before = one ? Map.of() : log.redrivenOf(dlq);
        List<DeadLetter> redriven = new ArrayList<>();
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(dlq, READ_DEADLINE).stream()
                    .filter(info -> partition.map(p -> p == info.partition()).orElse(true))
                    .map(info -> new TopicPartition(dlq, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return new RedriveReport(redriven, 0, true);
            }
            reader.assign(partitions);
            if (one) {
                reader.seek(partitions.get(0), offset.get());
            } else {
                reader.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_DEADLINE);
            long lastProgress = System.nanoTime();
            boolean found = false;
            while (!found && !reachedEnd(reader, end) && System.nanoTime() - lastProgress < READ_DEADLINE.toNanos()) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    lastProgress = System.nanoTime();
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (one && record.offset() != offset.get()) {
                        continue;
                    }
                    DeadLetter letter = toLetter(record);
                    if (before.containsKey(new RedriveLog.Coordinates(letter.partition(), letter.offset()))) {
                        skipped++;
                        continue;
                    }
                    putBack(letter, topic);
                    log.redriven(letter, by);
                    redriven.add(letter);
                    if (one) {
                        found = true;
                        break;
                    }
                }
            }
            return new RedriveReport(redriven, skipped, found || reachedEnd(reader, end));
        }
    }

    /** The letter as a new record on its original topic: same key and value bytes, its headers without dlq.*. */
    private void putBack(DeadLetter letter, String topic) throws Exception {
        String original = Optional.ofNullable(letter.header(DeadLetterHeaders.ORIGINAL_TOPIC))
                .orElse(topic);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(original, letter.key(), letter.rawValue());
        letter.headers().forEach((name, value) -> {
            if (!name.startsWith("dlq.") && !name.equals(DeadLetterHeaders.REDRIVEN_FROM)) {
                record.headers().add(name, EventProducer.bytes(value));
            }
        });
        record.headers()
                .add(
                        DeadLetterHeaders.REDRIVEN_FROM,
                        EventProducer.bytes(letter.topic() + "/" + letter.partition() + "/" + letter.offset()));
        producer.send(record).get(15, TimeUnit.SECONDS);
    }

    /** When each letter of {@code topic}'s dead-letter topic was last redriven. */
    public Map<RedriveLog.Coordinates, java.time.Instant> redrivenOf(String topic) throws java.sql.SQLException {
        return log.redrivenOf(Topics.deadLetterOf(topic));
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
    }

    private static DeadLetter toLetter(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(
                record.topic(), record.partition(), record.offset(), record.key(), headers, record.value());
    }

    private KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
