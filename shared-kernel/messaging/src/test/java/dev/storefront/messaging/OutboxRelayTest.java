package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's thread against a recorded database and a fake broker: what it publishes, purges and reports. */
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final FakeProducer PRODUCER = new FakeProducer();
    private static final MessagingSettings MESSAGING =
            new MessagingSettings("order-service", "orders", List.of("orders.order.v1"), 3, (short) 1, "");

    private final RecordingJdbc jdbc = new RecordingJdbc();
    /** Rows each claim returns, one batch per claim; no rows once they are used up. */
    private final Queue<List<Object[]>> claims = new ConcurrentLinkedQueue<>();
    /** Rows each purge statement deletes, one count per statement; none once they are used up. */
    private final Queue<Integer> purged = new ConcurrentLinkedQueue<>();

    private final Instant oldest = Instant.now().minusSeconds(90);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OutboxSignal signal = new OutboxSignal();
    private OutboxRelay relay;

    OutboxRelayTest() {
        jdbc.queries = sql -> {
            if (sql.contains("RETURNING")) {
                List<Object[]> batch = claims.poll();
                return batch == null ? List.of() : batch;
            }
            // the backlog: 12 unsent rows, the oldest 90 s old, 2 of them parked
            return List.<Object[]>of(new Object[] {12L, Timestamp.from(oldest), 2L});
        };
        jdbc.updates = sql -> {
            if (sql.startsWith("DELETE")) {
                Integer count = purged.poll();
                return count == null ? 0 : count;
            }
            return 1;
        };
        PRODUCER.sent.clear();
        PRODUCER.answer = FakeProducer::acknowledged;
    }

    private OutboxRelay relay(Duration pollInterval, SimpleMeterRegistry registry) {
        RelaySettings settings = new RelaySettings(
                true,
                pollInterval,
                false,
                500,
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                5,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofDays(7),
                Duration.ofMinutes(1));
        relay = new OutboxRelay(
                jdbc.dataSource(), DataSourceResolver.DEFAULT, PRODUCER, settings, MESSAGING, signal, registry);
        return relay;
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    private static Object[] row(long id) {
        return new Object[] {id, "event-" + id, "OrderPlaced", "orders.order.v1", "order-" + id, "{}", "tp", 0};
    }

    private double gauge(String name) {
        return meters.get(name).tag("schema", "orders").gauge().value();
    }

    private double counter(String name) {
        return meters.get(name).tag("schema", "orders").counter().count();
    }

    @Test
    void theRelayPublishesWhatIsDueAndReportsItsBacklog() {
        claims.add(List.of(row(1), row(2)));
        claims.add(List.<Object[]>of(row(3)));
        relay(Duration.ofMillis(50), meters).start();

        await().atMost(WAIT).until(() -> counter("storefront.outbox.published") == 3.0);
        await().atMost(WAIT).until(() -> gauge("storefront.outbox.backlog") == 12.0);
        relay.stop();

        assertThat(PRODUCER.sent).extracting(r -> r.key()).containsExactly("order-1", "order-2", "order-3");
        assertThat(gauge("storefront.outbox.parked")).isEqualTo(2.0);
        assertThat(gauge("storefront.outbox.oldest.unsent.seconds")).isBetween(90.0, 120.0);
        assertThat(counter("storefront.outbox.failures")).isZero();
        assertThat(jdbc.matching("count(*) FILTER"))
                .isNotEmpty()
                .allSatisfy(backlog -> assertThat(backlog.autoCommit()).isTrue());
    }

    @Test
    void aFullBatchIsFollowedByTheNextWithoutWaitingForThePollInterval() {
        claims.add(List.of(row(1), row(2)));
        claims.add(List.of(row(3), row(4)));
        relay(Duration.ofMinutes(10), meters).start();

        await().atMost(WAIT).until(() -> PRODUCER.sent.size() == 4);

        assertThat(PRODUCER.sent).extracting(r -> r.key()).containsExactly("order-1", "order-2", "order-3", "order-4");
    }

    @Test
    void failedSendsAreCounted() {
        claims.add(List.<Object[]>of(row(1)));
        PRODUCER.answer = record -> FakeProducer.failsLater(new NotLeaderOrFollowerException("moved"));
        relay(Duration.ofMillis(50), meters).start();

        await().atMost(WAIT).until(() -> counter("storefront.outbox.failures") == 1.0);

        assertThat(counter("storefront.outbox.published")).isZero();
    }

    @Test
    void sentRowsPastTheirRetentionArePurgedBatchByBatchUntilLessThanABatchIsLeft() {
        purged.addAll(List.of(OutboxStore.PURGE_BATCH, OutboxStore.PURGE_BATCH, 7));
        Instant before = Instant.now();
        relay(Duration.ofMillis(50), meters).start();

        await().atMost(WAIT)
                .until(() -> jdbc.matching("DELETE FROM orders.outbox").size() >= 3);
        relay.stop();

        List<RecordingJdbc.Statement> purges = jdbc.matching("DELETE FROM orders.outbox");
        assertThat(purges)
                .as("one purge a minute: the first ran three statements, the next is not due")
                .hasSize(3);
        Instant cutoff = ((Timestamp) purges.get(0).parameters().get(1)).toInstant();
        assertThat(cutoff)
                .isBetween(before.minus(Duration.ofDays(7)), Instant.now().minus(Duration.ofDays(7)));
    }

    @Test
    void aCommitWakesTheRelayWithoutWaitingForThePollInterval() {
        relay(Duration.ofMinutes(10), null).start();
        await().atMost(WAIT).until(() -> !jdbc.matching("RETURNING").isEmpty());

        claims.add(List.<Object[]>of(row(5)));
        signal.committed();

        await().atMost(WAIT).until(() -> !jdbc.matching("sent_at = now()").isEmpty());
        assertThat(PRODUCER.sent)
                .singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("order-5"));
        assertThat(jdbc.matching("sent_at = now()").get(0).parameters()).containsEntry(1, List.of(5L));
    }

    @Test
    void aStoppedRelayEndsItsThreadAndStartingItTwiceRunsOne() {
        OutboxRelay started = relay(Duration.ofMinutes(10), null);
        started.start();
        started.start();
        await().atMost(WAIT).until(() -> !jdbc.matching("RETURNING").isEmpty());

        assertThat(relayThreads()).isEqualTo(1);
        started.stop();

        assertThat(relayThreads()).isZero();
    }

    private static long relayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("outbox-relay") && thread.isAlive())
                .count();
    }
}
