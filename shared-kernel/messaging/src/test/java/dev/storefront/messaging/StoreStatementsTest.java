package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import io.micronaut.jdbc.DataSourceResolver;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the stores send to Postgres, and how they read its answer; the SQL itself is exercised by the *IT tests. */
class StoreStatementsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final MessagingSettings SETTINGS =
            new MessagingSettings("order-service", "orders", List.of("orders.order.v1"), 3, (short) 1, "");

    private final RecordingJdbc jdbc = new RecordingJdbc();

    private DataSource dataSource() {
        return jdbc.dataSource();
    }

    @Test
    void theInboxRecordsAnEventOnceAndTellsADuplicateApart() throws SQLException {
        InboxStore inbox = new InboxStore("orders");
        String eventId = UUID.randomUUID().toString();
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("orders.order.v1", 2, 41L, "order-1", new byte[0]);

        assertThat(inbox.record(jdbc.connection(), "catalog.orders", eventId, "OrderPlaced", record))
                .isTrue();
        jdbc.updateCount = 0;
        assertThat(inbox.record(jdbc.connection(), "catalog.orders", eventId, "OrderPlaced", record))
                .isFalse();

        assertThat(jdbc.statements.get(0).sql())
                .startsWith("INSERT INTO orders.inbox")
                .endsWith("ON CONFLICT DO NOTHING");
        assertThat(jdbc.statements.get(0).parameters())
                .containsExactly(
                        Map.entry(1, "catalog.orders"),
                        Map.entry(2, UUID.fromString(eventId)),
                        Map.entry(3, "OrderPlaced"),
                        Map.entry(4, "orders.order.v1"),
                        Map.entry(5, 2),
                        Map.entry(6, 41L));
    }

    @Test
    void theInboxForgetsAGroupsIdsBeforeTheCutoff() throws SQLException {
        jdbc.updateCount = 17;

        assertThat(new InboxStore("orders").purge(jdbc.connection(), "catalog.orders", AT))
                .isEqualTo(17);

        assertThat(jdbc.only().sql())
                .isEqualTo("DELETE FROM orders.inbox WHERE consumer_group = ? AND processed_at < ?");
        assertThat(jdbc.only().parameters())
                .containsExactly(Map.entry(1, "catalog.orders"), Map.entry(2, Timestamp.from(AT)));
    }

    @Test
    void markingOrReleasingNoRowsSendsNothing() throws SQLException {
        OutboxStore store = new OutboxStore("orders");

        store.markSent(jdbc.connection(), List.of());
        store.release(jdbc.connection(), List.of());

        assertThat(jdbc.statements).isEmpty();
    }

    @Test
    void rowsAreMarkedSentOrReleasedInOneStatement() throws SQLException {
        OutboxStore store = new OutboxStore("orders");

        store.markSent(jdbc.connection(), List.of(3L, 5L));
        store.release(jdbc.connection(), List.of(8L));

        assertThat(jdbc.statements).hasSize(2);
        assertThat(jdbc.statements.get(0).sql()).startsWith("UPDATE orders.outbox SET sent_at = now()");
        assertThat(jdbc.statements.get(0).parameters()).containsExactly(Map.entry(1, List.of(3L, 5L)));
        assertThat(jdbc.statements.get(1).sql()).contains("SET claimed_until = NULL WHERE id = ANY(?)");
        assertThat(jdbc.statements.get(1).parameters()).containsExactly(Map.entry(1, List.of(8L)));
    }

    @Test
    void aFailedSendKeepsAtMostAThousandCharactersOfItsError() throws SQLException {
        OutboxStore store = new OutboxStore("orders");
        String exactly = "e".repeat(1_000);

        store.markFailed(jdbc.connection(), 7, AT, exactly, false);
        store.markFailed(jdbc.connection(), 8, AT, exactly + "tail", true);

        assertThat(jdbc.statements.get(0).parameters())
                .containsExactly(
                        Map.entry(1, Timestamp.from(AT)), Map.entry(2, exactly), Map.entry(3, false), Map.entry(4, 7L));
        assertThat(jdbc.statements.get(1).parameters())
                .containsExactly(
                        Map.entry(1, Timestamp.from(AT)), Map.entry(2, exactly), Map.entry(3, true), Map.entry(4, 8L));
    }

    @Test
    void unparkingTellsWhetherTheRowWasParkedAndPurgingHowManyRowsWent() throws SQLException {
        OutboxStore store = new OutboxStore("orders");

        assertThat(store.unpark(jdbc.connection(), 12)).isTrue();
        jdbc.updateCount = 0;
        assertThat(store.unpark(jdbc.connection(), 13)).isFalse();
        jdbc.updateCount = OutboxStore.PURGE_BATCH;
        assertThat(store.purgeSentBefore(jdbc.connection(), AT)).isEqualTo(OutboxStore.PURGE_BATCH);

        assertThat(jdbc.statements.get(0).parameters()).containsExactly(Map.entry(1, 12L));
        assertThat(jdbc.statements.get(2).sql()).contains("LIMIT " + OutboxStore.PURGE_BATCH);
        assertThat(jdbc.statements.get(2).parameters()).containsExactly(Map.entry(1, Timestamp.from(AT)));
    }

    @Test
    void aRedriveIsLoggedWithTheLettersPlaceEventAndOperator() throws SQLException {
        RedriveLog log = new RedriveLog(dataSource(), DataSourceResolver.DEFAULT, SETTINGS);
        DeadLetterStore.DeadLetter letter = new DeadLetterStore.DeadLetter(
                "orders.order.v1.dlq",
                1,
                33L,
                "order-1",
                Map.of(EventProducer.HEADER_EVENT_ID, "event-a"),
                "{}".getBytes(StandardCharsets.UTF_8));

        log.redriven(letter, "ops-anna");

        assertThat(jdbc.autoCommit).as("each redrive is recorded at once").isTrue();
        assertThat(jdbc.only().sql()).startsWith("INSERT INTO orders.dead_letter_redrives");
        assertThat(jdbc.only().parameters())
                .containsExactly(
                        Map.entry(1, "orders.order.v1.dlq"),
                        Map.entry(2, 1),
                        Map.entry(3, 33L),
                        Map.entry(4, "event-a"),
                        Map.entry(5, "ops-anna"));
    }

    @Test
    void anOperatorPutsAParkedRowBackInLineOrIsToldItIsNotParked() throws SQLException {
        OutboxController controller = new OutboxController(dataSource(), DataSourceResolver.DEFAULT, SETTINGS);

        assertThat(controller.retry(12)).isEqualTo(new OutboxController.RetryResult(12, "QUEUED"));
        assertThat(jdbc.autoCommit)
                .as("the row is back in line once the call returns")
                .isTrue();
        jdbc.updateCount = 0;
        assertThatThrownBy(() -> controller.retry(13)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo("unknown-parked-row");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("13");
        });
        assertThat(jdbc.statements).extracting(s -> s.parameters().get(1)).containsExactly(12L, 13L);
    }

    @Test
    void aListingOfParkedRowsHoldsOneToFiveHundredAndFiftyByDefault() throws SQLException {
        OutboxController controller = new OutboxController(dataSource(), DataSourceResolver.DEFAULT, SETTINGS);

        for (int limit : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> controller.list(limit)).hasFieldOrPropertyWithValue("code", "invalid-limit");
        }
        assertThat(jdbc.statements).isEmpty();

        assertThat(controller.list(null)).isEmpty();
        assertThat(controller.list(1)).isEmpty();
        assertThat(controller.list(500)).isEmpty();

        assertThat(jdbc.statements)
                .allSatisfy(s -> assertThat(s.sql()).contains("FROM orders.outbox WHERE parked_at IS NOT NULL"))
                .extracting(s -> s.parameters().get(1))
                .containsExactly(50, 1, 500);
    }

    @Test
    void claimedRowsAreLeasedAndReturnedInIdOrderWhateverOrderPostgresReturnsThemIn() throws SQLException {
        jdbc.results.add(List.of(
                new Object[] {9L, "event-9", "OrderConfirmed", "orders.order.v1", "order-2", "{\"b\":2}", "tp-9", 3},
                new Object[] {4L, "event-4", "OrderPlaced", "orders.order.v1", "order-1", "{\"a\":1}", "tp-4", 0}));

        List<OutboxRecord> claimed =
                new OutboxStore("orders").claim(jdbc.connection(), 500, java.time.Duration.ofSeconds(30));

        assertThat(jdbc.only().parameters()).containsExactly(Map.entry(1, 30_000L), Map.entry(2, 500));
        assertThat(claimed).extracting(OutboxRecord::id).containsExactly(4L, 9L);
        OutboxRecord first = claimed.get(0);
        assertThat(first.eventId()).isEqualTo("event-4");
        assertThat(first.eventType()).isEqualTo("OrderPlaced");
        assertThat(first.topic()).isEqualTo("orders.order.v1");
        assertThat(first.key()).isEqualTo("order-1");
        assertThat(new String(first.envelope(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(first.traceparent()).isEqualTo("tp-4");
        assertThat(claimed.get(1).attempts()).isEqualTo(3);
    }

    @Test
    void theBacklogCountsUnsentAndParkedRowsAndAgesTheOldest() throws SQLException {
        Instant oldest = Instant.now().minusSeconds(90);
        jdbc.results.add(List.<Object[]>of(new Object[] {12L, Timestamp.from(oldest), 2L}));
        jdbc.results.add(List.<Object[]>of(new Object[] {0L, null, 0L}));
        OutboxStore store = new OutboxStore("orders");

        OutboxStore.Backlog backlog = store.backlog(jdbc.connection());
        OutboxStore.Backlog empty = store.backlog(jdbc.connection());

        assertThat(backlog.size()).isEqualTo(12);
        assertThat(backlog.parked()).isEqualTo(2);
        assertThat(backlog.oldestAge())
                .hasValueSatisfying(age ->
                        assertThat(age).isBetween(java.time.Duration.ofSeconds(90), java.time.Duration.ofSeconds(120)));
        assertThat(empty).isEqualTo(new OutboxStore.Backlog(0, java.util.Optional.empty(), 0));
    }

    @Test
    void parkedRowsAreListedForOperators() throws SQLException {
        Instant created = Instant.parse("2026-12-01T08:00:00Z");
        Instant parked = Instant.parse("2026-12-01T08:05:00Z");
        jdbc.results.add(List.<Object[]>of(new Object[] {
            5L,
            "event-5",
            "OrderPlaced",
            "orders.order.v1",
            "order-5",
            5,
            "RecordTooLargeException: too large",
            Timestamp.from(created),
            Timestamp.from(parked)
        }));
        OutboxController controller = new OutboxController(dataSource(), DataSourceResolver.DEFAULT, SETTINGS);

        assertThat(controller.list(10))
                .containsExactly(new OutboxController.ParkedView(
                        5,
                        "event-5",
                        "OrderPlaced",
                        "orders.order.v1",
                        "order-5",
                        5,
                        "RecordTooLargeException: too large",
                        created,
                        parked));
        assertThat(jdbc.autoCommit).isTrue();
    }

    @Test
    void theRedriveLogTellsWhenEachLetterWasLastRedriven() throws SQLException {
        Instant first = Instant.parse("2026-12-01T08:00:00Z");
        Instant second = Instant.parse("2026-12-01T09:00:00Z");
        jdbc.results.add(
                List.of(new Object[] {0, 4L, Timestamp.from(first)}, new Object[] {2, 4L, Timestamp.from(second)}));
        RedriveLog log = new RedriveLog(dataSource(), DataSourceResolver.DEFAULT, SETTINGS);

        Map<RedriveLog.Coordinates, Instant> redriven = log.redrivenOf("orders.order.v1.dlq");

        assertThat(redriven)
                .containsOnly(
                        Map.entry(new RedriveLog.Coordinates(0, 4L), first),
                        Map.entry(new RedriveLog.Coordinates(2, 4L), second));
        assertThat(jdbc.only().parameters()).containsExactly(Map.entry(1, "orders.order.v1.dlq"));
        assertThat(jdbc.autoCommit).isTrue();
    }
}
