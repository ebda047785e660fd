package dev.storefront.messaging;

import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.infra.Infrastructure;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The messaging machinery end to end with its relay and consumer running as in a service: real Postgres, real Kafka.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxAndInboxIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    InboxConsumer consumer;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    EmbeddedServer server;

    private final KafkaProducer<String, byte[]> rawProducer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    Infrastructure.forTests().kafka().bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());

    @Override
    public Map<String, String> getProperties() {
        return MessagingTestSupport.properties(true);
    }

    @AfterAll
    void closeProducer() {
        rawProducer.close();
    }

    private static String newAggregate() {
        return "order-" + UUID.randomUUID();
    }

    private void changeStateAndAnnounce(String aggregate, long seq) {
        transactions.executeWrite(status -> {
            try (PreparedStatement upsert = status.getConnection()
                    .prepareStatement("INSERT INTO widgets (id, seq) VALUES (?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq")) {
                upsert.setString(1, aggregate);
                upsert.setLong(2, seq);
                upsert.executeUpdate();
            }
            outbox.append(orderPlaced(aggregate, seq), TOPIC);
            return null;
        });
    }

    private static long effectsOf(String aggregate) throws SQLException {
        return count("SELECT count(*) FROM effects WHERE aggregate_id = '" + aggregate + "'");
    }

    private void produceRaw(String key, byte[] value) throws Exception {
        rawProducer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    @Test
    void aRolledBackStateChangeLeavesNoEvent() throws SQLException {
        String aggregate = newAggregate();

        assertThatThrownBy(() -> transactions.executeWrite(status -> {
                    try (PreparedStatement insert =
                            status.getConnection().prepareStatement("INSERT INTO widgets (id, seq) VALUES (?, 1)")) {
                        insert.setString(1, aggregate);
                        insert.executeUpdate();
                    }
                    outbox.append(orderPlaced(aggregate, 1), TOPIC);
                    throw new IllegalStateException("business rule refused after the event was written");
                }))
                .hasMessageContaining("business rule refused");

        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = '" + aggregate + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM widgets WHERE id = '" + aggregate + "'"))
                .isZero();
    }

    @Test
    void aCommittedStateChangeAlwaysProducesItsEventAndItsEffect() throws SQLException {
        String aggregate = newAggregate();

        changeStateAndAnnounce(aggregate, 1);

        await().atMost(PATIENCE).until(() -> effectsOf(aggregate) == 1);
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = '" + aggregate + "' AND sent_at IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void theOutboxRefusesToBeWrittenOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append(orderPlaced(newAggregate(), 1), TOPIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    @Test
    void anEventThatFailsItsSchemaIsNeverWritten() {
        EventEnvelope valid = orderPlaced(newAggregate(), 1);
        EventEnvelope invalid = new EventEnvelope(
                valid.id(),
                valid.type(),
                valid.version(),
                valid.source(),
                valid.occurredAt(),
                valid.aggregateId(),
                valid.correlationId(),
                null,
                valid.traceparent(),
                ((com.fasterxml.jackson.databind.node.ObjectNode) valid.data().deepCopy()).put("currency", "euro"));

        assertThatThrownBy(() -> transactions.executeWrite(status -> {
                    outbox.append(invalid, TOPIC);
                    return null;
                }))
                .hasMessageContaining("fails its schema");
    }

    @Test
    void perKeyOrderHoldsForWritersThatDoNotLockEachOther() throws Exception {
        String aggregate = newAggregate();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Future<?> later = transactions.executeWrite(status -> {
                // The first writer takes the lower id and holds its transaction open...
                outbox.append(orderPlaced(aggregate, 1), TOPIC);
                // ...while a second one, which touches no row the first holds, appends to the same key and commits.
                Future<?> started = second.submit(() -> transactions.executeWrite(other -> {
                    outbox.append(orderPlaced(aggregate, 2), TOPIC);
                    return null;
                }));
                await().atMost(PATIENCE).until(() -> started.isDone() || waitingOnALock());
                return started;
            });
            later.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            second.shutdownNow();
        }

        await().atMost(PATIENCE).until(() -> effectsOf(aggregate) == 2);
        try (Connection db = MessagingTestSupport.connect();
                PreparedStatement query =
                        db.prepareStatement("SELECT seq FROM effects WHERE aggregate_id = ? ORDER BY applied")) {
            query.setString(1, aggregate);
            List<Long> seen = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    seen.add(rows.getLong(1));
                }
            }
            assertThat(seen).as("the first writer's event is applied first").containsExactly(1L, 2L);
        }
    }

    /** Whether a session of the test role is waiting on a lock (the second writer, behind the first). */
    private static boolean waitingOnALock() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE usename = current_user AND wait_event_type = 'Lock'")
                > 0;
    }

    @Test
    void perKeyOrderHoldsUnderConcurrentWriters() throws Exception {
        List<String> aggregates = List.of(newAggregate(), newAggregate(), newAggregate(), newAggregate());
        for (String aggregate : aggregates) {
            changeStateAndAnnounce(aggregate, 0);
        }
        int writesPerThread = 40;
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(writers.submit(() -> {
                for (int i = 0; i < writesPerThread; i++) {
                    String aggregate = aggregates.get(i % aggregates.size());
                    // Writers of one aggregate serialise on its row, as every state change does.
                    transactions.executeWrite(status -> {
                        long next;
                        try (PreparedStatement lock = status.getConnection()
                                .prepareStatement("UPDATE widgets SET seq = seq + 1 WHERE id = ? RETURNING seq")) {
                            lock.setString(1, aggregate);
                            try (ResultSet row = lock.executeQuery()) {
                                row.next();
                                next = row.getLong(1);
                            }
                        }
                        outbox.append(orderPlaced(aggregate, next), TOPIC);
                        return null;
                    });
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();

        long total = 4L * writesPerThread + aggregates.size();
        await().atMost(PATIENCE)
                .until(() -> aggregates.stream()
                                .mapToLong(a -> {
                                    try {
                                        return effectsOf(a);
                                    } catch (SQLException e) {
                                        throw new IllegalStateException(e);
                                    }
                                })
                                .sum()
                        == total);
        for (String aggregate : aggregates) {
            List<Long> seen = new ArrayList<>();
            try (Connection db = MessagingTestSupport.connect();
                    PreparedStatement query =
                            db.prepareStatement("SELECT seq FROM effects WHERE aggregate_id = ? ORDER BY applied")) {
                query.setString(1, aggregate);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seen.add(rows.getLong(1));
                    }
                }
            }
            assertThat(seen)
                    .as("effects of %s in the order they were consumed", aggregate)
                    .isSorted();
            assertThat(seen).doesNotHaveDuplicates().first().isEqualTo(0L);
        }
    }

    @Test
    void duplicateDeliveriesOfOneEventProduceOneEffect() throws Exception {
        String aggregate = newAggregate();
        EventEnvelope event = orderPlaced(aggregate, 7);
        long duplicatesBefore = consumer.stats(MessagingTestSupport.GROUP).duplicateCount();

        for (int i = 0; i < 3; i++) {
            produceRaw(aggregate, EventCodec.toBytes(event));
        }

        await().atMost(PATIENCE)
                .until(() -> consumer.stats(MessagingTestSupport.GROUP).duplicateCount() >= duplicatesBefore + 2);
        assertThat(effectsOf(aggregate)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLettersAndTheGoodOnesAroundItAreProcessed() throws Exception {
        String aggregate = newAggregate();
        EventEnvelope invalid = orderPlaced(aggregate, 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) invalid.data()).put("currency", "euro");

        produceRaw(aggregate, EventCodec.toBytes(orderPlaced(aggregate, 1)));
        produceRaw(aggregate, "{not json".getBytes(StandardCharsets.UTF_8));
        produceRaw(aggregate, EventCodec.toBytes(invalid));
        produceRaw(aggregate, EventCodec.toBytes(orderPlaced(aggregate, 3)));

        await().atMost(PATIENCE).until(() -> effectsOf(aggregate) == 2);
        await().atMost(PATIENCE).until(() -> lettersOf(aggregate).size() == 2);
        assertThat(lettersOf(aggregate))
                .extracting(l -> l.header(DeadLetterHeaders.REASON))
                .containsExactlyInAnyOrder("deserialization", "schema");
        assertThat(lettersOf(aggregate)).allSatisfy(l -> {
            assertThat(l.header(DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
            assertThat(l.header(DeadLetterHeaders.CONSUMER_GROUP)).startsWith(MessagingTestSupport.GROUP);
            assertThat(l.header(DeadLetterHeaders.ORIGINAL_OFFSET)).isNotBlank();
        });
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredAndRedrivenOnceTheCauseIsFixed() throws Exception {
        String aggregate = newAggregate();
        RecordingSubscription.failing.add(aggregate);
        changeStateAndAnnounce(aggregate, 1);
        await().atMost(PATIENCE).until(() -> lettersOf(aggregate).size() == 1);
        DeadLetterStore.DeadLetter letter = lettersOf(aggregate).get(0);
        assertThat(letter.header(DeadLetterHeaders.REASON)).isEqualTo("handler-failed");
        assertThat(letter.header(DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(effectsOf(aggregate)).isZero();

        RecordingSubscription.failing.remove(aggregate);
        ApiClient api = ApiClient.at(server.getURI());
        assertThat(api.postJson("/admin/dead-letters/" + TOPIC + "/redrive", TestTokens.customer("eve"), "{}")
                        .status())
                .isEqualTo(403);
        String body = "{\"partition\":" + letter.partition() + ",\"offset\":" + letter.offset() + "}";
        ApiClient.Response redriven =
                api.postJson("/admin/dead-letters/" + TOPIC + "/redrive", TestTokens.admin(), body);
        assertThat(redriven.status()).isEqualTo(200);
        assertThat(redriven.json().path("redriven").asInt()).isEqualTo(1);
        assertThat(redriven.json().path("complete").asBoolean()).isTrue();
        assertThat(redriven.json().path("letters").get(0).path("eventId").asText())
                .isEqualTo(letter.header(EventProducer.HEADER_EVENT_ID));
        // Redriving the same letter again is harmless: the inbox skips the second copy.
        api.postJson("/admin/dead-letters/" + TOPIC + "/redrive", TestTokens.admin(), body);

        await().atMost(PATIENCE).until(() -> effectsOf(aggregate) == 1);
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> effectsOf(aggregate) == 1);
    }

    @Test
    void aRedrivenLetterKeepsItsBytesExactlyAndTheRedriveIsRecorded() throws Exception {
        String aggregate = newAggregate();
        // Not UTF-8: a round trip through a String would turn these bytes into replacement characters.
        byte[] poison = {'{', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '}'};
        produceRaw(aggregate, poison);
        await().atMost(PATIENCE).until(() -> lettersOf(aggregate).size() == 1);
        DeadLetterStore.DeadLetter letter = lettersOf(aggregate).get(0);
        assertThat(letter.rawValue()).isEqualTo(poison);

        ApiClient api = ApiClient.at(server.getURI());
        String body = "{\"partition\":" + letter.partition() + ",\"offset\":" + letter.offset() + "}";
        assertThat(api.postJson("/admin/dead-letters/" + TOPIC + "/redrive", TestTokens.admin(), body)
                        .json()
                        .path("redriven")
                        .asInt())
                .isEqualTo(1);

        // Still poison, so it comes back as a second letter: with the same bytes.
        await().atMost(PATIENCE).until(() -> lettersOf(aggregate).size() == 2);
        assertThat(lettersOf(aggregate).get(1).rawValue()).isEqualTo(poison);
        assertThat(lettersOf(aggregate).get(1).header(DeadLetterHeaders.REDRIVEN_FROM))
                .isEqualTo(letter.topic() + "/" + letter.partition() + "/" + letter.offset());
        JsonNode listed = java.util.stream.StreamSupport.stream(
                        api.get("/admin/dead-letters/" + TOPIC + "?limit=500", TestTokens.admin())
                                .json()
                                .spliterator(),
                        false)
                .filter(l -> l.path("partition").asInt() == letter.partition()
                        && l.path("offset").asLong() == letter.offset())
                .findFirst()
                .orElseThrow();
        assertThat(listed.path("redrivenAt").asText()).isNotBlank();
        assertThat(count("SELECT count(*) FROM dead_letter_redrives WHERE dlq_topic = '" + letter.topic()
                        + "' AND dlq_offset = " + letter.offset()
                        + " AND dlq_partition = " + letter.partition() + " AND redriven_by = 'admin'"))
                .isOne();

        ApiClient.Response unknown = api.postJson(
                "/admin/dead-letters/" + TOPIC + "/redrive",
                TestTokens.admin(),
                "{\"partition\":" + letter.partition() + ",\"offset\":999999999}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.postJson(
                                "/admin/dead-letters/" + TOPIC + "/redrive",
                                TestTokens.admin(),
                                "{\"partition\":" + letter.partition() + "}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void redriveAllReadsToTheEndAndNeverRedrivesALetterTwice() {
        ApiClient api = ApiClient.at(server.getURI());
        ApiClient.Response first = api.postJson("/admin/dead-letters/" + TOPIC + "/redrive", TestTokens.admin(), "{}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("complete").asBoolean()).isTrue();
        assertThat(first.json().path("redriven").asInt()).isPositive();

        ApiClient.Response second = api.postJson("/admin/dead-letters/" + TOPIC + "/redrive", TestTokens.admin(), "{}");
        assertThat(second.json().path("complete").asBoolean()).isTrue();
        assertThat(second.json().path("skippedAsRedrivenBefore").asInt())
                .as("every letter the first pass redrove is skipped by the second")
                .isGreaterThanOrEqualTo(first.json().path("redriven").asInt()
                        + first.json().path("skippedAsRedrivenBefore").asInt());
    }

    @Test
    void deadLettersAreListedToAdministratorsOnly() {
        ApiClient api = ApiClient.at(server.getURI());

        assertThat(api.get("/admin/dead-letters/" + TOPIC).status()).isEqualTo(401);
        assertThat(api.get("/admin/dead-letters/" + TOPIC, TestTokens.admin()).status())
                .isEqualTo(200);
        ApiClient.Response unknown = api.get("/admin/dead-letters/no.such.topic", TestTokens.admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("not-found");
    }

    private List<DeadLetterStore.DeadLetter> lettersOf(String aggregate) {
        return deadLetters.list(TOPIC, 10_000).stream()
                .filter(l -> aggregate.equals(l.key()))
                .toList();
    }
}
