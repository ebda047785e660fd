package dev.storefront.messaging;

import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.events.EventEnvelope;
import dev.storefront.infra.EmbeddedKafkaBroker;
import dev.storefront.infra.Network;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay under faults. The service's own relay is switched off here; each test drives relay batches itself so it
 * can crash them, run two at once, or take the broker away.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayFaultsIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    EventProducer producer;

    @Inject
    InboxConsumer consumer;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    RelaySettings settings;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return MessagingTestSupport.properties(false);
    }

    @BeforeEach
    void startFromAnEmptyBacklog() throws Exception {
        // Rows other tests left unsent would be claimed by these relays; send them now.
        drainWith(batch(producer, RelayListener.NONE));
    }

    private RelayBatch batch(EventProducer via, RelayListener listener) {
        return new RelayBatch(
                resolver.resolve(dataSource),
                new OutboxStore(MessagingTestSupport.DATABASE.schema()),
                via,
                settings,
                listener,
                Clock.systemUTC());
    }

    private static void drainWith(RelayBatch batch) throws Exception {
        while (batch.runOnce() > 0) {
            // until nothing is due
        }
    }

    private List<String> write(int events, int keys) {
        List<String> ids = new ArrayList<>();
        List<String> aggregates = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            aggregates.add("order-" + UUID.randomUUID());
        }
        for (int i = 0; i < events; i++) {
            EventEnvelope event = orderPlaced(aggregates.get(i % keys), i);
            transactions.executeWrite(status -> {
                outbox.append(event, TOPIC);
                return null;
            });
            ids.add(event.id());
        }
        return ids;
    }

    private static String inList(List<String> ids) {
        return "('" + String.join("','", ids) + "')";
    }

    private static long unsent(List<String> ids) throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND event_id::text IN " + inList(ids));
    }

    private static long effects(List<String> ids) throws SQLException {
        return count("SELECT count(*) FROM effects WHERE event_id::text IN " + inList(ids));
    }

    @Test
    void aRelayFailingAfterTheBrokersAcknowledgementResendsAndTheEffectStillHappensOnce() throws Exception {
        List<String> ids = write(5, 5);
        long duplicatesBefore = consumer.stats(MessagingTestSupport.GROUP).duplicateCount();
        RelayBatch crashing = batch(producer, new RelayListener() {
            @Override
            public void acknowledged(List<OutboxRecord> published) {
                throw new IllegalStateException("relay failed after the acknowledgement, before marking sent");
            }
        });

        assertThatThrownBy(crashing::runOnce).hasMessageContaining("relay failed");
        assertThat(unsent(ids)).as("nothing marked sent").isEqualTo(5);

        drainWith(batch(producer, RelayListener.NONE));

        assertThat(unsent(ids)).isZero();
        await().atMost(PATIENCE).until(() -> effects(ids) == 5);
        await().atMost(PATIENCE)
                .until(() -> consumer.stats(MessagingTestSupport.GROUP).duplicateCount() >= duplicatesBefore + 5);
        assertThat(effects(ids)).as("each event applied exactly once").isEqualTo(5);
    }

    @Test
    void noRowLockIsHeldWhileTheRelayWaitsForTheBroker() throws Exception {
        List<String> ids = write(3, 3);
        List<Boolean> lockable = new ArrayList<>();
        RelayBatch watched = batch(producer, new RelayListener() {
            @Override
            public void acknowledged(List<OutboxRecord> published) {
                // Another session tries to lock the rows in flight, without waiting.
                try (Connection other = MessagingTestSupport.connect();
                        var lock =
                                other.prepareStatement("SELECT id FROM outbox WHERE id = ANY(?) FOR UPDATE NOWAIT")) {
                    other.setAutoCommit(false);
                    lock.setArray(
                            1,
                            other.createArrayOf(
                                    "bigint",
                                    published.stream().map(OutboxRecord::id).toArray()));
                    lock.executeQuery().close();
                    lockable.add(true);
                    other.rollback();
                } catch (SQLException e) {
                    lockable.add(false);
                }
            }
        });

        drainWith(watched);

        assertThat(lockable).isNotEmpty().containsOnly(true);
        assertThat(unsent(ids)).isZero();
    }

    @Test
    void aFailingHeadRowHoldsBackTheLaterEventsOfItsKeyUntilItIsSent() throws Exception {
        String key = "order-" + UUID.randomUUID();
        EventEnvelope first = orderPlaced(key, 1);
        EventEnvelope second = orderPlaced(key, 2);
        transactions.executeWrite(status -> {
            outbox.append(first, TOPIC);
            outbox.append(second, TOPIC);
            return null;
        });
        // The head row fails once (too large for the producer), the row behind it would go through.
        execute("UPDATE outbox SET envelope = envelope || repeat(' ', 2000000) WHERE event_id = '" + first.id() + "'");
        RelayBatch relay = batch(producer, RelayListener.NONE);

        relay.runOnce();
        assertThat(count("SELECT attempts FROM outbox WHERE event_id = '" + first.id() + "'"))
                .isOne();
        assertThat(unsent(List.of(second.id())))
                .as("the later event waits behind its head")
                .isOne();

        execute("UPDATE outbox SET envelope = rtrim(envelope) WHERE event_id = '" + first.id() + "'");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            relay.runOnce();
            return unsent(List.of(first.id(), second.id())) == 0;
        });
        await().atMost(PATIENCE).until(() -> effects(List.of(first.id(), second.id())) == 2);
        try (Connection db = MessagingTestSupport.connect();
                var rows = db.createStatement()
                        .executeQuery("SELECT seq FROM effects WHERE aggregate_id = '" + key + "' ORDER BY applied")) {
            List<Long> seqs = new ArrayList<>();
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
            assertThat(seqs).containsExactly(1L, 2L);
        }
    }

    @Test
    void aRowTheBrokerRefusesForGoodIsParkedStopsBlockingItsKeyAndCanBeRetried() throws Exception {
        String key = "order-" + UUID.randomUUID();
        EventEnvelope first = orderPlaced(key, 1);
        EventEnvelope second = orderPlaced(key, 2);
        transactions.executeWrite(status -> {
            outbox.append(first, TOPIC);
            return null;
        });
        // Trailing blanks keep the JSON valid and make the record larger than the producer's max.request.size.
        execute("UPDATE outbox SET envelope = envelope || repeat(' ', 2000000) WHERE event_id = '" + first.id() + "'");
        transactions.executeWrite(status -> {
            outbox.append(second, TOPIC);
            return null;
        });
        RelayBatch relay = batch(producer, RelayListener.NONE);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            relay.runOnce();
            return count("SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND event_id = '" + first.id() + "'")
                    == 1;
        });
        assertThat(count("SELECT attempts FROM outbox WHERE event_id = '" + first.id() + "'"))
                .isEqualTo(settings.parkAfter());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            relay.runOnce();
            return unsent(List.of(second.id())) == 0;
        });
        await().atMost(PATIENCE).until(() -> effects(List.of(second.id())) == 1);

        ApiClient api = ApiClient.at(server.getURI());
        assertThat(api.get("/admin/outbox/parked", TestTokens.customer("eve")).status())
                .isEqualTo(403);
        ApiClient.Response parked = api.get("/admin/outbox/parked", TestTokens.admin());
        assertThat(parked.status()).isEqualTo(200);
        JsonNode row = java.util.stream.StreamSupport.stream(parked.json().spliterator(), false)
                .filter(r -> r.path("eventId").asText().equals(first.id()))
                .findFirst()
                .orElseThrow();
        assertThat(row.path("lastError").asText()).contains("RecordTooLargeException");
        assertThat(row.path("attempts").asInt()).isEqualTo(settings.parkAfter());

        // The operator fixes the cause, then puts the row back in line.
        execute("UPDATE outbox SET envelope = rtrim(envelope) WHERE event_id = '" + first.id() + "'");
        ApiClient.Response retried =
                api.postJson("/admin/outbox/parked/" + row.path("id").asLong() + "/retry", TestTokens.admin(), "{}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(api.postJson("/admin/outbox/parked/" + row.path("id").asLong() + "/retry", TestTokens.admin(), "{}")
                        .status())
                .isEqualTo(404);
        drainWith(relay);
        assertThat(unsent(List.of(first.id()))).isZero();
        await().atMost(PATIENCE).until(() -> effects(List.of(first.id())) == 1);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection db = MessagingTestSupport.connect();
                var statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void twoRelaysAtOnceTogetherPublishEveryEventAndSkipNone() throws Exception {
        List<String> ids = write(300, 60);
        ExecutorService relays = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> both = List.of(
                () -> drainCounting(batch(producer, RelayListener.NONE)),
                () -> drainCounting(batch(producer, RelayListener.NONE)));

        int claimed = 0;
        for (Future<Integer> relay : relays.invokeAll(both)) {
            claimed += relay.get();
        }
        relays.shutdown();

        assertThat(unsent(ids)).isZero();
        assertThat(claimed).as("no row claimed twice").isEqualTo(300);
        await().atMost(PATIENCE).until(() -> effects(ids) == 300);
        // Five events per key, written in seq order: whichever relay sent each, they were applied in that order.
        Map<String, List<Long>> applied = new java.util.HashMap<>();
        try (Connection db = MessagingTestSupport.connect();
                var rows = db.createStatement()
                        .executeQuery("SELECT aggregate_id, seq FROM effects WHERE event_id::text IN " + inList(ids)
                                + " ORDER BY applied")) {
            while (rows.next()) {
                applied.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                        .add(rows.getLong(2));
            }
        }
        assertThat(applied)
                .hasSize(60)
                .allSatisfy((key, seqs) ->
                        assertThat(seqs).as("effects of %s", key).hasSize(5).isSorted());
    }

    private static int drainCounting(RelayBatch batch) throws Exception {
        int total = 0;
        int claimed;
        while ((claimed = batch.runOnce()) > 0) {
            total += claimed;
        }
        return total;
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownAreKeptAndDrainWhenItIsBack() throws Exception {
        int port = Network.freePort();
        int controller = Network.freePort();
        Path dir = Files.createTempDirectory("outage-broker");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, controller, 1, dir);
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        EventProducer outageProducer = new EventProducer(
                bootstrap,
                Map.of(
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_000,
                        ProducerConfig.LINGER_MS_CONFIG, 0));
        RelayBatch relay = batch(outageProducer, RelayListener.NONE);
        try {
            broker.stop();
            List<String> ids = write(20, 20);

            relay.runOnce();
            assertThat(unsent(ids)).as("nothing lost, nothing sent").isEqualTo(20);
            assertThat(count("SELECT max(attempts) FROM outbox WHERE event_id::text IN " + inList(ids)))
                    .as("the failed send was recorded and scheduled for a retry")
                    .isGreaterThanOrEqualTo(1);
            assertThat(count("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL AND event_id::text IN "
                            + inList(ids)))
                    .as("a refused send stops the batch instead of blocking on every row")
                    .isEqualTo(1);

            broker = EmbeddedKafkaBroker.start(port, controller, 1, dir);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                relay.runOnce();
                return unsent(ids) == 0;
            });
            assertThat(eventIdsOn(bootstrap)).containsAll(ids);
        } finally {
            outageProducer.close();
            broker.close();
        }
    }

    private static Set<String> eventIdsOn(String bootstrap) {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "outage-check-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            reader.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && idle < 3) {
                var records = reader.poll(Duration.ofMillis(500));
                idle = records.isEmpty() && !seen.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    seen.add(new String(
                            record.headers()
                                    .lastHeader(EventProducer.HEADER_EVENT_ID)
                                    .value(),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return seen;
    }
}
