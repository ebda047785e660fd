package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One relay cycle against a recorded database and a producer whose broker answers as each test says. */
class RelayBatchTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final RelaySettings SETTINGS = MessagingSettingsTest.relay(SEND_TIMEOUT, Duration.ofSeconds(30));
    private static final FakeProducer PRODUCER = new FakeProducer();

    private final RecordingJdbc jdbc = new RecordingJdbc();
    private final List<String> heard = new ArrayList<>();
    private final RelayListener listener = new RelayListener() {
        @Override
        public void acknowledged(List<OutboxRecord> published) {
            heard.add("acknowledged " + published.stream().map(OutboxRecord::id).toList());
        }

        @Override
        public void failed(OutboxRecord record, Throwable error) {
            heard.add("failed " + record.id() + " " + error.getClass().getSimpleName());
        }
    };
    private final RelayBatch batch = new RelayBatch(
            jdbc.dataSource(),
            new OutboxStore("orders"),
            PRODUCER,
            SETTINGS,
            listener,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void brokerAcknowledgesEverything() {
        PRODUCER.sent.clear();
        PRODUCER.answer = FakeProducer::acknowledged;
    }

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    /** Claimed rows as Postgres returns them: id, event id, type, topic, key, envelope, traceparent, attempts. */
    private void due(Object[]... rows) {
        jdbc.results.add(List.of(rows));
    }

    private static Object[] row(long id, int attempts) {
        return new Object[] {
            id,
            "event-" + id,
            "OrderPlaced",
            "orders.order.v1",
            "order-" + id,
            "{\"n\":" + id + "}",
            "tp-" + id,
            attempts
        };
    }

    @Test
    void nothingDueIsNothingSent() throws Exception {
        assertThat(batch.runOnce()).isZero();

        assertThat(jdbc.only().sql()).startsWith("UPDATE orders.outbox SET claimed_until");
        assertThat(jdbc.only().parameters())
                .containsExactly(Map.entry(1, SETTINGS.claimLease().toMillis()), Map.entry(2, SETTINGS.batchSize()));
        assertThat(PRODUCER.sent).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void acknowledgedRowsAreSentInIdOrderWithTheirHeadersAndMarkedSent() throws Exception {
        due(row(2, 0), row(1, 0));

        assertThat(batch.runOnce()).isEqualTo(2);

        assertThat(PRODUCER.sent).extracting(ProducerRecord::key).containsExactly("order-1", "order-2");
        ProducerRecord<String, byte[]> first = PRODUCER.sent.get(0);
        assertThat(first.topic()).isEqualTo("orders.order.v1");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(headers(first))
                .containsExactly(
                        Map.entry(EventProducer.HEADER_EVENT_ID, "event-1"),
                        Map.entry(EventProducer.HEADER_EVENT_TYPE, "OrderPlaced"),
                        Map.entry(EventProducer.HEADER_TRACEPARENT, "tp-1"),
                        Map.entry(EventProducer.HEADER_CONTENT_TYPE, "application/json"));
        assertThat(jdbc.matching("sent_at = now()"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(1, List.of(1L, 2L)));
        assertThat(jdbc.matching("next_attempt_at = ?")).isEmpty();
        assertThat(jdbc.matching("SET claimed_until = NULL WHERE id = ANY")).isEmpty();
        assertThat(heard).containsExactly("acknowledged [1, 2]");
        assertThat(jdbc.commits)
                .as("the lease and the marking, each in its own transaction")
                .isEqualTo(2);
        assertThat(jdbc.autoCommit).isFalse();
    }

    @Test
    void aRowTheBrokerCouldNotTakeNowIsDueAgainAfterItsBackoff() throws Exception {
        due(row(1, 0), row(2, 2));
        PRODUCER.answer = record -> record.key().equals("order-2")
                ? FakeProducer.failsLater(new NotLeaderOrFollowerException("leader moved"))
                : FakeProducer.acknowledged(record);

        assertThat(batch.runOnce()).isEqualTo(2);

        assertThat(jdbc.matching("sent_at = now()"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(1, List.of(1L)));
        assertThat(jdbc.matching("next_attempt_at = ?"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(
                        1,
                        Timestamp.from(NOW.plus(SETTINGS.backoffAfter(3))),
                        2,
                        new NotLeaderOrFollowerException("leader moved").toString(),
                        3,
                        false,
                        4,
                        2L));
        assertThat(heard).containsExactly("failed 2 NotLeaderOrFollowerException", "acknowledged [1]");
    }

    @Test
    void aRowTheBrokerRefusesForGoodIsParkedOnceItHasUsedUpItsAttempts() throws Exception {
        int parkAfter = SETTINGS.parkAfter();
        due(row(1, parkAfter - 1), row(2, parkAfter - 2), row(3, parkAfter + 3));
        PRODUCER.answer = record -> FakeProducer.failsLater(new RecordTooLargeException("too large"));

        batch.runOnce();

        assertThat(jdbc.matching("next_attempt_at = ?"))
                .extracting(s -> s.parameters().get(4), s -> s.parameters().get(3))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, true),
                        org.assertj.core.groups.Tuple.tuple(2L, false),
                        org.assertj.core.groups.Tuple.tuple(3L, true));
    }

    @Test
    void aRowRefusedRightAwayForGoodDoesNotHoldUpTheRestOfTheBatch() throws Exception {
        due(row(1, 0), row(2, 0));
        PRODUCER.answer = record -> record.key().equals("order-1")
                ? CompletableFuture.failedFuture(new RecordTooLargeException("too large"))
                : FakeProducer.acknowledged(record);

        batch.runOnce();

        assertThat(PRODUCER.sent).hasSize(2);
        assertThat(jdbc.matching("sent_at = now()"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(1, List.of(2L)));
        assertThat(jdbc.matching("next_attempt_at = ?"))
                .extracting(s -> s.parameters().get(4))
                .containsExactly(1L);
    }

    @Test
    void aSendRefusedRightAwayForNowLeavesTheRestOfTheBatchForTheNextCycle() throws Exception {
        due(row(1, 0), row(2, 0), row(3, 0), row(4, 0));
        PRODUCER.answer = record -> {
            if (record.key().equals("order-2")) {
                throw new TimeoutException("no metadata within max.block.ms");
            }
            return FakeProducer.acknowledged(record);
        };

        assertThat(batch.runOnce()).isEqualTo(4);

        assertThat(PRODUCER.sent).extracting(ProducerRecord::key).containsExactly("order-1", "order-2");
        assertThat(jdbc.matching("sent_at = now()"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(1, List.of(1L)));
        assertThat(jdbc.matching("next_attempt_at = ?"))
                .extracting(s -> s.parameters().get(4))
                .containsExactly(2L);
        assertThat(jdbc.matching("SET claimed_until = NULL WHERE id = ANY"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(1, List.of(3L, 4L)));
        assertThat(heard).containsExactly("failed 2 TimeoutException", "acknowledged [1]");
    }

    @Test
    void anUnansweredSendFailsOnceTheSendTimeoutHasPassed() throws Exception {
        due(row(1, 0));
        FakeProducer.NeverAnswered pending = new FakeProducer.NeverAnswered();
        PRODUCER.answer = record -> pending;

        batch.runOnce();

        assertThat(pending.waitedNanos).isPositive().isLessThanOrEqualTo(SEND_TIMEOUT.toNanos());
        assertThat(jdbc.matching("next_attempt_at = ?"))
                .singleElement()
                .satisfies(s -> assertThat((String) s.parameters().get(2)).contains("TimeoutException"));
        assertThat(heard).containsExactly("failed 1 TimeoutException", "acknowledged []");
    }

    @Test
    void whenTheOutcomeCannotBeRecordedTheLeaseIsGivenUpAndTheFailureReported() {
        due(row(1, 0), row(2, 0));
        SQLException lost = new SQLException("connection lost", "08006");
        jdbc.failure = lost;
        jdbc.failOn = sql -> sql.contains("sent_at = now()");

        assertThatThrownBy(batch::runOnce).isSameAs(lost);

        assertThat(jdbc.rollbacks).isEqualTo(1);
        assertThat(jdbc.matching("SET claimed_until = NULL WHERE id = ANY"))
                .singleElement()
                .extracting(RecordingJdbc.Statement::parameters)
                .isEqualTo(Map.of(1, List.of(1L, 2L)));
    }

    @Test
    void aFailedClaimSendsNothing() {
        SQLException lost = new SQLException("connection lost", "08006");
        jdbc.failure = lost;

        assertThatThrownBy(batch::runOnce).isSameAs(lost);

        assertThat(PRODUCER.sent).isEmpty();
        assertThat(jdbc.rollbacks).isEqualTo(1);
        assertThat(jdbc.commits).isZero();
    }

    @Test
    void aReleaseThatFailsTooStillReportsTheOriginalFailure() {
        due(row(1, 0));
        SQLException lost = new SQLException("connection lost", "08006");
        jdbc.failure = lost;
        jdbc.failOn = sql -> !sql.contains("RETURNING");

        assertThatThrownBy(batch::runOnce).isSameAs(lost);

        assertThat(jdbc.matching("SET claimed_until = NULL WHERE id = ANY")).hasSize(1);
        assertThat(jdbc.rollbacks).isEqualTo(2);
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
