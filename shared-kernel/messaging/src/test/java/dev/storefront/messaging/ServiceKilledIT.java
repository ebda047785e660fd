package dev.storefront.messaging;

import static dev.storefront.messaging.FaultTestSupport.appliedPerKey;
import static dev.storefront.messaging.FaultTestSupport.drain;
import static dev.storefront.messaging.FaultTestSupport.effects;
import static dev.storefront.messaging.FaultTestSupport.inList;
import static dev.storefront.messaging.FaultTestSupport.javaProcess;
import static dev.storefront.messaging.FaultTestSupport.linesOf;
import static dev.storefront.messaging.FaultTestSupport.newKeys;
import static dev.storefront.messaging.FaultTestSupport.relay;
import static dev.storefront.messaging.FaultTestSupport.unsent;
import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.infra.Infrastructure;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A writing service, with its relay, as its own process, killed with SIGKILL while its writers commit as fast as they
 * can, so that writes it has acknowledged are committed and not yet published. Nothing in the process survives the
 * kill: no shutdown hook, no last flush. Afterwards another instance's relay must publish every committed write, and
 * the consumer (this context) must apply each exactly once, in per-key order; a state change and its event commit
 * together or not at all.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceKilledIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration CHILD_LEASE = Duration.ofSeconds(3);
    private static final int KEYS = 6;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 1_500;

    @Inject
    InboxConsumer consumer;

    @Inject
    EventProducer producer;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    RelaySettings settings;

    @Override
    public Map<String, String> getProperties() {
        return MessagingTestSupport.properties(false);
    }

    @Test
    void aServiceKilledWithSigkillBetweenItsCommitsAndTheirPublishLosesNoAcknowledgedWrite() throws Exception {
        RelayBatch relay = relay(resolver.resolve(dataSource), producer, settings);
        drain(relay);
        List<String> keys = newKeys(KEYS);
        List<String> acknowledged = new ArrayList<>();
        Process service = startService(keys);
        long killedAt;
        try {
            BlockingQueue<String> lines = linesOf(service);
            List<String> other = new ArrayList<>();
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
                String line = lines.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(line)
                        .as("the service keeps acknowledging writes; it also said %s", other)
                        .isNotNull();
                if (line.startsWith(WritingServiceProcess.ACKNOWLEDGED)) {
                    acknowledged.add(line.substring(WritingServiceProcess.ACKNOWLEDGED.length()));
                } else if (other.size() < 50) {
                    other.add(line);
                }
            }
            service.destroyForcibly(); // SIGKILL, mid-write
            killedAt = System.nanoTime();
            assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(service.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            lines.stream()
                    .filter(line -> line.startsWith(WritingServiceProcess.ACKNOWLEDGED))
                    .forEach(line -> acknowledged.add(line.substring(WritingServiceProcess.ACKNOWLEDGED.length())));
        } finally {
            service.destroyForcibly();
        }
        List<String> committed = committedWrites(keys);
        long unpublishedAtKill = unsent(committed);
        assertThat(unpublishedAtKill)
                .as("the kill caught committed writes that the service's relay had not yet published")
                .isPositive();
        assertThat(committed).as("every acknowledged write committed").containsAll(acknowledged);
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key IN " + inList(keys)))
                .as("a state change and its event commit together: one outbox row per committed write")
                .isEqualTo(committed.size());
        assertThat(unsent(committed)
                        + count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL" + " AND message_key IN "
                                + inList(keys)))
                .isEqualTo(committed.size());

        AtomicInteger cycles = new AtomicInteger();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            // A cycle sends at most one row per key (per-key order across relays), so with six keys the backlog
            // takes many cycles; run them back to back, as the relay does while rows are due.
            while (relay.runOnce() > 0) {
                cycles.incrementAndGet();
            }
            return unsent(committed) == 0;
        });
        Duration published = Duration.ofNanos(System.nanoTime() - killedAt);
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> effects(committed) == committed.size());
        Duration applied = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(effects(acknowledged))
                .as("every acknowledged write has exactly one effect")
                .isEqualTo(acknowledged.size());
        assertThat(count("SELECT count(*) FROM effects WHERE aggregate_id IN " + inList(keys)))
                .as("and nothing else has: no effect twice, none without its write")
                .isEqualTo(committed.size());
        assertThat(appliedPerKey(keys))
                .allSatisfy(
                        (key, seqs) -> assertThat(seqs).as("effects of %s", key).isSorted());
        System.out.printf(
                "FAULT service-sigkill-between-commit-and-publish: acknowledged=%d committed=%d"
                        + " unpublished-at-kill=%d effects=%d per-key-order=held all-published-after=%d ms"
                        + " all-applied-after=%d ms (lease %d ms, %d relay cycles)%n",
                acknowledged.size(),
                committed.size(),
                unpublishedAtKill,
                effects(committed),
                published.toMillis(),
                applied.toMillis(),
                CHILD_LEASE.toMillis(),
                cycles.get());
    }

    private Process startService(List<String> keys) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(CHILD_LEASE.toString());
        args.addAll(keys);
        return javaProcess(
                        List.of(
                                "-Dmessaging.it.topic=" + TOPIC,
                                "-Dmessaging.it.group=" + MessagingTestSupport.GROUP,
                                "-Dstorefront.kafka.bootstrap="
                                        + Infrastructure.forTests().kafka().bootstrapServers()),
                        WritingServiceProcess.class,
                        args.toArray(String[]::new))
                .start();
    }

    /** The event ids of the writes that committed, acknowledged or not (the kill may fall between the two). */
    private static List<String> committedWrites(List<String> keys) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection db = MessagingTestSupport.connect();
                Statement sql = db.createStatement();
                ResultSet rows =
                        sql.executeQuery("SELECT event_id FROM service_writes WHERE aggregate_id IN " + inList(keys))) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
