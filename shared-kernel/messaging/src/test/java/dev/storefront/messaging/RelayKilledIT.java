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
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventEnvelope;
import dev.storefront.infra.Infrastructure;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay as its own process, killed with SIGKILL after the broker acknowledged a batch and before the rows were
 * marked sent, while writes keep coming. Afterwards another relay must publish everything, the killed relay's rows
 * again once their lease has passed, and the consumer must apply every acknowledged write exactly once, in per-key
 * order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayKilledIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration CHILD_LEASE = Duration.ofSeconds(3);
    private static final int KEYS = 10;

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

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
    void aRelayProcessKilledWithSigkillAfterTheAcknowledgementLosesNothingAndDuplicatesNothing() throws Exception {
        // Rows other tests left unsent would be claimed by the child; send them first.
        RelayBatch relay = relay(resolver.resolve(dataSource), producer, settings);
        drain(relay);
        List<String> keys = newKeys(KEYS);
        List<String> written = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            long seq = 0;
            while (writing.get()) {
                String key = keys.get((int) (seq % KEYS));
                EventEnvelope event = orderPlaced(key, seq++);
                transactions.executeWrite(status -> {
                    outbox.append(event, TOPIC);
                    return null;
                });
                written.add(event.id());
                try {
                    TimeUnit.MILLISECONDS.sleep(10); // the pace of the steady load, about 100 writes a second
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            killRelayUnderLoad(relay, keys, written, writing, writer);
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    private void killRelayUnderLoad(
            RelayBatch relay, List<String> keys, List<String> written, AtomicBoolean writing, Thread writer)
            throws Exception {
        long duplicatesBefore = consumer.stats(MessagingTestSupport.GROUP).duplicateCount();
        Process child = startRelayProcess();
        BlockingQueue<String> lines = linesOf(child);
        int acknowledged;
        long killedAt;
        try {
            List<String> output = new ArrayList<>();
            String line;
            do {
                line = lines.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(line)
                        .as("the relay process reports an acknowledged batch; it said %s", output)
                        .isNotNull();
                output.add(line);
            } while (!line.startsWith("ACKNOWLEDGED "));
            acknowledged = Integer.parseInt(line.substring("ACKNOWLEDGED ".length()));
            child.destroyForcibly(); // SIGKILL
            killedAt = System.nanoTime();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
        // The load goes on for a while after the kill, with no relay running.
        await().atMost(PATIENCE).until(() -> written.size() > acknowledged + 100);
        writing.set(false);
        writer.join();
        assertThat(unsent(written))
                .as("the killed relay's batch is still unsent")
                .isGreaterThanOrEqualTo(acknowledged);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            relay.runOnce();
            return unsent(written) == 0;
        });
        Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);
        await().atMost(PATIENCE).until(() -> effects(written) == written.size());
        await().atMost(PATIENCE)
                .until(() ->
                        consumer.stats(MessagingTestSupport.GROUP).duplicateCount() >= duplicatesBefore + acknowledged);

        assertThat(effects(written))
                .as("every acknowledged write has exactly one effect")
                .isEqualTo(written.size());
        assertThat(count("SELECT count(DISTINCT event_id) FROM effects WHERE aggregate_id IN " + inList(keys)))
                .isEqualTo(written.size());
        Map<String, List<Long>> applied = appliedPerKey(keys);
        assertThat(applied)
                .allSatisfy(
                        (key, seqs) -> assertThat(seqs).as("effects of %s", key).isSorted());
        long duplicates = consumer.stats(MessagingTestSupport.GROUP).duplicateCount() - duplicatesBefore;
        System.out.printf(
                "FAULT relay-sigkill-after-ack: written=%d acknowledged-before-kill=%d effects=%d duplicates-skipped=%d"
                        + " per-key-order=held all-sent-after=%d ms (lease %d ms)%n",
                written.size(),
                acknowledged,
                effects(written),
                duplicates,
                recovered.toMillis(),
                CHILD_LEASE.toMillis());
    }

    private Process startRelayProcess() throws Exception {
        return javaProcess(
                        List.of(),
                        RelayProcess.class,
                        ServiceTestInfrastructure.jdbcUrl(MessagingTestSupport.DATABASE),
                        MessagingTestSupport.DATABASE.role(),
                        MessagingTestSupport.DATABASE.password(),
                        MessagingTestSupport.DATABASE.schema(),
                        Infrastructure.forTests().kafka().bootstrapServers(),
                        CHILD_LEASE.toString())
                .start();
    }
}
