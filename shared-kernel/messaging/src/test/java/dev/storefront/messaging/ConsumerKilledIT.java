package dev.storefront.messaging;

import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventEnvelope;
import dev.storefront.infra.Infrastructure;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A consumer process killed with SIGKILL after its effect committed and before its offset did. The next consumer of
 * the group receives the event again and the inbox turns it into a skipped duplicate: every event has exactly one
 * effect, in per-key order. This context runs no consumer of its own; it writes and relays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerKilledIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int KEYS = 4;

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    EventProducer producer;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    RelaySettings settings;

    @Inject
    MessagingSettings messaging;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(MessagingTestSupport.properties(false));
        properties.put("storefront.messaging.consumer.enabled", "false");
        return properties;
    }

    @Test
    void aConsumerProcessKilledBetweenItsEffectAndItsOffsetCommitLeavesExactlyOneEffect() throws Exception {
        RelayBatch relay = new RelayBatch(
                resolver.resolve(dataSource),
                new OutboxStore(MessagingTestSupport.DATABASE.schema()),
                producer,
                settings,
                RelayListener.NONE,
                Clock.systemUTC());
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add("order-" + UUID.randomUUID());
        }
        String halting = keys.get(0);
        List<String> written = new ArrayList<>();
        for (int seq = 0; seq < 40; seq++) {
            EventEnvelope event = orderPlaced(keys.get(seq % KEYS), seq);
            transactions.executeWrite(status -> {
                outbox.append(event, TOPIC);
                return null;
            });
            written.add(event.id());
        }
        while (relay.runOnce() > 0) {
            // publish everything
        }

        Process first = startConsumer(halting);
        String appliedId;
        long killedAt;
        try {
            BlockingQueue<String> lines = linesOf(first);
            String line;
            do {
                line = lines.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(line)
                        .as("the consumer process applies the marked event")
                        .isNotNull();
            } while (!line.startsWith(ConsumerProcess.APPLIED));
            appliedId = line.substring(ConsumerProcess.APPLIED.length());
            first.destroyForcibly(); // SIGKILL
            killedAt = System.nanoTime();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        } finally {
            first.destroyForcibly();
        }
        assertThat(effectsOfEvent(appliedId))
                .as("the effect committed before the kill")
                .isOne();
        int partition = (int) count("SELECT kafka_partition FROM inbox WHERE event_id = '" + appliedId + "'");
        long offset = count("SELECT kafka_offset FROM inbox WHERE event_id = '" + appliedId + "'");
        assertThat(committedOffset(partition))
                .as("the group's committed offset has not passed the applied event")
                .isLessThanOrEqualTo(offset);

        Process second = startConsumer("");
        try {
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> effects(written) == written.size());
            Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);
            await().atMost(PATIENCE).until(() -> committedOffset(partition) > offset);

            assertThat(effectsOfEvent(appliedId))
                    .as("re-delivered, skipped as a duplicate")
                    .isOne();
            assertThat(count("SELECT count(DISTINCT event_id) FROM effects WHERE aggregate_id IN " + inList(keys)))
                    .isEqualTo(written.size());
            assertThat(effects(written)).isEqualTo(written.size());
            assertThat(appliedPerKey(keys))
                    .allSatisfy((key, seqs) ->
                            assertThat(seqs).as("effects of %s", key).isSorted());
            System.out.printf(
                    "FAULT consumer-sigkill-before-offset-commit: events=%d effects=%d killed-event-effects=%d"
                            + " per-key-order=held all-applied-after=%d ms (includes starting the next consumer)%n",
                    written.size(), effects(written), effectsOfEvent(appliedId), recovered.toMillis());
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startConsumer(String haltAfter) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Dmessaging.it.topic=" + TOPIC,
                "-Dmessaging.it.group=" + MessagingTestSupport.GROUP,
                "-Dstorefront.kafka.bootstrap="
                        + Infrastructure.forTests().kafka().bootstrapServers(),
                "-D" + ConsumerProcess.HALT_AFTER_EFFECT + "=" + haltAfter,
                "-cp",
                System.getProperty("java.class.path"),
                ConsumerProcess.class.getName(),
                messaging.groupSuffix());
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private long committedOffset(int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.forTests().kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                            messaging.groupOf(new RecordingSubscription(null)))
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(new TopicPartition(TOPIC, partition));
            return committed == null ? -1 : committed.offset();
        }
    }

    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process is gone
            }
        });
        return lines;
    }

    private static String inList(List<String> values) {
        return "('" + String.join("','", values) + "')";
    }

    private static long effects(List<String> ids) throws SQLException {
        return count("SELECT count(*) FROM effects WHERE event_id::text IN " + inList(ids));
    }

    private static long effectsOfEvent(String id) throws SQLException {
        return count("SELECT count(*) FROM effects WHERE event_id = '" + id + "'");
    }

    private static Map<String, List<Long>> appliedPerKey(List<String> keys) throws SQLException {
        Map<String, List<Long>> applied = new HashMap<>();
        try (Connection db = MessagingTestSupport.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT aggregate_id, seq FROM effects WHERE aggregate_id IN "
                        + inList(keys) + " ORDER BY applied")) {
            while (rows.next()) {
                applied.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                        .add(rows.getLong(2));
            }
        }
        return applied;
    }
}
