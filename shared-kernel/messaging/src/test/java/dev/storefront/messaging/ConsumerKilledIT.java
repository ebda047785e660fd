package dev.storefront.messaging;

import static dev.storefront.messaging.FaultTestSupport.appliedPerKey;
import static dev.storefront.messaging.FaultTestSupport.drain;
import static dev.storefront.messaging.FaultTestSupport.effects;
import static dev.storefront.messaging.FaultTestSupport.inList;
import static dev.storefront.messaging.FaultTestSupport.javaProcess;
import static dev.storefront.messaging.FaultTestSupport.linesOf;
import static dev.storefront.messaging.FaultTestSupport.newKeys;
import static dev.storefront.messaging.FaultTestSupport.relay;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
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
        RelayBatch relay = relay(resolver.resolve(dataSource), producer, settings);
        List<String> keys = newKeys(KEYS);
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
        drain(relay);

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
        return javaProcess(
                        List.of(
                                "-Dmessaging.it.topic=" + TOPIC,
                                "-Dmessaging.it.group=" + MessagingTestSupport.GROUP,
                                "-Dstorefront.kafka.bootstrap="
                                        + Infrastructure.forTests().kafka().bootstrapServers(),
                                "-D" + ConsumerProcess.HALT_AFTER_EFFECT + "=" + haltAfter),
                        ConsumerProcess.class,
                        messaging.groupSuffix())
                .start();
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

    private static long effectsOfEvent(String id) throws SQLException {
        return count("SELECT count(*) FROM effects WHERE event_id = '" + id + "'");
    }
}
