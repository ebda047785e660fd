package dev.storefront.messaging;

import static dev.storefront.messaging.FaultTestSupport.appliedPerKey;
import static dev.storefront.messaging.FaultTestSupport.effects;
import static dev.storefront.messaging.FaultTestSupport.inList;
import static dev.storefront.messaging.FaultTestSupport.javaProcess;
import static dev.storefront.messaging.FaultTestSupport.newKeys;
import static dev.storefront.messaging.FaultTestSupport.unsent;
import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.count;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventEnvelope;
import dev.storefront.infra.KafkaBrokerProcess;
import dev.storefront.infra.Network;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker frozen with SIGSTOP, longer than every client timeout, while writes keep coming; then resumed with
 * SIGCONT. The broker is a process of its own ({@link KafkaBrokerProcess}) and this context's relay and consumer use
 * it. Writes must keep being accepted during the freeze, and afterwards every one must have its event and exactly one
 * effect, in per-key order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerFrozenIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Longer than the producer's max.block.ms (5 s), request timeout (5 s) and delivery timeout (12 s). */
    private static final Duration FREEZE = Duration.ofSeconds(15);

    private static final int KEYS = 10;

    @Inject
    OutboxWriter outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    private Process broker;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(MessagingTestSupport.properties(true));
        properties.put("kafka.bootstrap.servers", startBroker());
        return properties;
    }

    private String startBroker() {
        try {
            broker = javaProcess(
                            List.of("-Xmx512m"),
                            KafkaBrokerProcess.class,
                            Integer.toString(Network.freePort()),
                            Integer.toString(Network.freePort()),
                            Files.createTempDirectory("frozen-broker").toString())
                    .start();
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String line;
            while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("KAFKA READY ")) {
                    Thread.ofPlatform().daemon().start(() -> drain(output));
                    return line.substring("KAFKA READY ".length());
                }
            }
            throw new IllegalStateException("the broker process did not start; last line: " + line);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // the broker's own log, not needed here
            }
        } catch (java.io.IOException e) {
            // gone
        }
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (broker != null) {
            signal("CONT");
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(broker.pid())).start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void writesDuringABrokerFrozenLongerThanEveryClientTimeoutAreAllAppliedOnceInOrderAfterItResumes()
            throws Exception {
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
                    TimeUnit.MILLISECONDS.sleep(20); // the pace of the steady load, about 50 writes a second
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            // Steady state first: the load flows end to end.
            await().atMost(PATIENCE).until(() -> written.size() >= 50 && effects(written) >= 40);

            signal("STOP");
            long frozenAt = System.nanoTime();
            int beforeFreeze = written.size();
            // While the broker is frozen, writes are still accepted: each check sees more of them.
            int[] seen = {beforeFreeze};
            await().during(FREEZE).atMost(FREEZE.plusSeconds(10)).until(() -> {
                boolean progressing = writer.isAlive();
                seen[0] = written.size();
                return progressing;
            });
            int duringFreeze = written.size() - beforeFreeze;
            long unsentAtResume = unsent(written);
            signal("CONT");
            long resumedAt = System.nanoTime();

            await().atMost(PATIENCE).until(() -> written.size() >= seen[0] + 50);
            writing.set(false);
            writer.join();
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> effects(written) == written.size());
            Duration recovered = Duration.ofNanos(System.nanoTime() - resumedAt);

            assertThat(duringFreeze)
                    .as("writes accepted while the broker was frozen")
                    .isGreaterThan(100);
            assertThat(unsentAtResume)
                    .as("the backlog built up during the freeze")
                    .isGreaterThan(0);
            assertThat(unsent(written)).isZero();
            assertThat(count("SELECT count(DISTINCT event_id) FROM effects WHERE aggregate_id IN " + inList(keys)))
                    .as("one effect per write, none twice")
                    .isEqualTo(written.size());
            assertThat(count("SELECT count(*) FROM effects WHERE aggregate_id IN " + inList(keys)))
                    .isEqualTo(written.size());
            assertThat(appliedPerKey(keys))
                    .allSatisfy((key, seqs) ->
                            assertThat(seqs).as("effects of %s", key).isSorted());
            System.out.printf(
                    "FAULT broker-sigstop: frozen=%d ms written=%d (during freeze %d) backlog-at-resume=%d effects=%d"
                            + " per-key-order=held all-applied-after-resume=%d ms%n",
                    Duration.ofNanos(resumedAt - frozenAt).toMillis(),
                    written.size(),
                    duringFreeze,
                    unsentAtResume,
                    effects(written),
                    recovered.toMillis());
        } finally {
            writing.set(false);
            writer.join();
            signal("CONT");
        }
    }
}
