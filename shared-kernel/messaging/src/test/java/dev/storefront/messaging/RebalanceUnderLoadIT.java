package dev.storefront.messaging;

import static dev.storefront.messaging.FaultTestSupport.appliedPerKey;
import static dev.storefront.messaging.FaultTestSupport.effects;
import static dev.storefront.messaging.FaultTestSupport.inList;
import static dev.storefront.messaging.FaultTestSupport.javaProcess;
import static dev.storefront.messaging.FaultTestSupport.newKeys;
import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventEnvelope;
import dev.storefront.infra.Infrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A second consumer instance, a process of its own, joins the group under a steady load and later leaves it: two
 * rebalances while events flow. Every event must be applied exactly once, in per-key order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebalanceUnderLoadIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int KEYS = 12;

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    InboxConsumer consumer;

    @Inject
    MessagingSettings messaging;

    @Override
    public Map<String, String> getProperties() {
        return MessagingTestSupport.properties(true);
    }

    @Test
    void aSecondInstanceJoiningAndLeavingUnderLoadLosesAndDuplicatesNoEffect() throws Exception {
        List<String> keys = newKeys(KEYS);
        List<String> written = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            long seq = 0;
            while (writing.get()) {
                EventEnvelope event = orderPlaced(keys.get((int) (seq % KEYS)), seq++);
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
        ConsumerStats stats = consumer.stats(MessagingTestSupport.GROUP);
        Process second = null;
        try {
            await().atMost(PATIENCE).until(() -> stats.assignmentCount() >= 1 && effects(written) >= 50);
            long assignmentsBefore = stats.assignmentCount();

            second = startSecondInstance();
            // It joined: this instance was assigned partitions again, now a share of them.
            await().atMost(PATIENCE).until(() -> stats.assignmentCount() > assignmentsBefore);
            int atJoin = written.size();
            await().atMost(PATIENCE).until(() -> written.size() > atJoin + 200);
            long assignmentsWhileTwo = stats.assignmentCount();

            second.destroy(); // SIGTERM: it leaves the group cleanly
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(PATIENCE).until(() -> stats.assignmentCount() > assignmentsWhileTwo);
            int atLeave = written.size();
            await().atMost(PATIENCE).until(() -> written.size() > atLeave + 200);
        } finally {
            writing.set(false);
            writer.join();
            if (second != null) {
                second.destroyForcibly();
            }
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> effects(written) == written.size());

        assertThat(count("SELECT count(*) FROM effects WHERE aggregate_id IN " + inList(keys)))
                .as("one effect per event, none twice")
                .isEqualTo(written.size());
        assertThat(appliedPerKey(keys))
                .allSatisfy(
                        (key, seqs) -> assertThat(seqs).as("effects of %s", key).isSorted());
        System.out.printf(
                "FAULT rebalance-join-and-leave: events=%d effects=%d assignments-of-this-instance=%d"
                        + " per-key-order=held%n",
                written.size(), effects(written), stats.assignmentCount());
    }

    private Process startSecondInstance() throws Exception {
        return javaProcess(
                        List.of(
                                "-Dmessaging.it.topic=" + TOPIC,
                                "-Dmessaging.it.group=" + MessagingTestSupport.GROUP,
                                "-Dstorefront.kafka.bootstrap="
                                        + Infrastructure.forTests().kafka().bootstrapServers()),
                        ConsumerProcess.class,
                        messaging.groupSuffix())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
