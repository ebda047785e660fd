package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.events.Traceparent;
import dev.storefront.events.order.OrderConfirmed;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxWriterTest {

    private static final Traceparent CONSUMED = Traceparent.parse(
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .orElseThrow();

    /** The caller's transaction: a recording connection, and the synchronisations run when the test commits. */
    private static final class Transactions implements TransactionOperations<Connection> {
        final RecordingJdbc jdbc = new RecordingJdbc();
        final Connection connection = jdbc.connection();
        final List<TransactionSynchronization> synchronizations = new ArrayList<>();
        boolean open = true;

        private final TransactionStatus<Connection> status = new TransactionStatus<>() {
            @Override
            public Object getTransaction() {
                return this;
            }

            @Override
            public io.micronaut.data.connection.ConnectionStatus<Connection> getConnectionStatus() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void registerSynchronization(TransactionSynchronization synchronization) {
                synchronizations.add(synchronization);
            }

            @Override
            public boolean isNewTransaction() {
                return true;
            }

            @Override
            public void setRollbackOnly() {}

            @Override
            public boolean isRollbackOnly() {
                return false;
            }

            @Override
            public boolean isCompleted() {
                return false;
            }

            @Override
            public TransactionDefinition getTransactionDefinition() {
                return TransactionDefinition.DEFAULT;
            }
        };

        void commit() {
            synchronizations.forEach(TransactionSynchronization::afterCommit);
        }

        @Override
        public Connection getConnection() {
            return connection;
        }

        @Override
        public boolean hasConnection() {
            return open;
        }

        @Override
        public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
            return open ? Optional.of(status) : Optional.empty();
        }

        @Override
        public <R> R execute(TransactionDefinition definition, TransactionCallback<Connection, R> callback) {
            throw new UnsupportedOperationException("the writer joins the caller's transaction");
        }
    }

    private final Transactions transactions = new Transactions();
    private final OutboxSignal signal = new OutboxSignal();

    private OutboxWriter writer(boolean listenNotify) {
        RelaySettings relay = new RelaySettings(
                true,
                Duration.ofMillis(200),
                listenNotify,
                500,
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                5,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofDays(7),
                Duration.ofMinutes(1));
        return new OutboxWriter(
                transactions,
                new MessagingSettings("order-service", "orders", List.of(Topics.ORDERS_ORDER), 3, (short) 1, ""),
                relay,
                signal);
    }

    private static EventEnvelope confirmed(String orderId) {
        return EventCodec.envelope(
                EventCatalog.ORDER_CONFIRMED,
                new OrderConfirmed(orderId, "alice"),
                "order-service",
                orderId,
                orderId,
                null,
                Traceparent.newRoot(),
                Instant.now());
    }

    @Test
    void anEventIsAppendedUnderALockOnItsTopicAndKeyInTheCallersTransaction() {
        EventEnvelope envelope = writer(false)
                .append(
                        EventCatalog.ORDER_CONFIRMED,
                        new OrderConfirmed("order-1", "alice"),
                        "order-1",
                        "flow-1",
                        null);

        assertThat(envelope.source()).isEqualTo("order-service");
        assertThat(envelope.type()).isEqualTo("OrderConfirmed");
        assertThat(envelope.aggregateId()).isEqualTo("order-1");
        assertThat(envelope.correlationId()).isEqualTo("flow-1");
        assertThat(envelope.causationId()).isNull();
        RecordingJdbc.Statement insert = transactions.jdbc.only();
        assertThat(insert.sql())
                .contains("pg_advisory_xact_lock(hashtextextended(?, 0))")
                .contains("INSERT INTO orders.outbox");
        assertThat(insert.parameters())
                .containsExactly(
                        Map.entry(1, Topics.ORDERS_ORDER + "/order-1"),
                        Map.entry(2, UUID.fromString(envelope.id())),
                        Map.entry(3, "OrderConfirmed"),
                        Map.entry(4, Topics.ORDERS_ORDER),
                        Map.entry(5, "order-1"),
                        Map.entry(6, new String(EventCodec.toBytes(envelope), StandardCharsets.UTF_8)),
                        Map.entry(7, envelope.traceparent()));
    }

    @Test
    void theRelayIsWokenOnlyOnceTheTransactionCommits() throws InterruptedException {
        writer(false).append(confirmed("order-1"), Topics.ORDERS_ORDER);

        assertThat(signal.await(0)).isFalse();
        transactions.commit();
        assertThat(signal.await(0)).isTrue();
    }

    @Test
    void anEventWrittenWhileHandlingAnotherIsCausedByItAndContinuesItsTrace() {
        OutboxWriter writer = writer(false);

        EventEnvelope caused = TraceContext.within(
                CONSUMED,
                "event-7",
                () -> writer.append(
                        EventCatalog.ORDER_CONFIRMED,
                        new OrderConfirmed("order-1", "alice"),
                        "order-1",
                        "order-1",
                        null));
        EventEnvelope named = TraceContext.within(
                CONSUMED,
                "event-7",
                () -> writer.append(
                        EventCatalog.ORDER_CONFIRMED,
                        new OrderConfirmed("order-1", "alice"),
                        "order-1",
                        "order-1",
                        "event-3"));

        assertThat(caused.causationId()).isEqualTo("event-7");
        assertThat(Traceparent.parse(caused.traceparent()).orElseThrow().traceId())
                .isEqualTo(CONSUMED.traceId());
        assertThat(named.causationId()).isEqualTo("event-3");
    }

    @Test
    void withListenNotifyTheAppendAlsoNotifiesTheSchemasChannel() {
        writer(true).append(confirmed("order-1"), Topics.ORDERS_ORDER);

        assertThat(transactions.jdbc.statements).hasSize(2);
        RecordingJdbc.Statement notify = transactions.jdbc.statements.get(1);
        assertThat(notify.sql()).isEqualTo("SELECT pg_notify(?, '')");
        assertThat(notify.parameters()).containsExactly(Map.entry(1, "outbox_orders"));
    }

    @Test
    void theOutboxIsNeverWrittenOutsideATransaction() {
        transactions.open = false;

        assertThatThrownBy(() -> writer(false).append(confirmed("order-1"), Topics.ORDERS_ORDER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only inside the caller's transaction");
        assertThat(transactions.jdbc.statements).isEmpty();
    }

    @Test
    void anEventThatFailsItsSchemaIsRefusedBeforeAnythingIsWritten() {
        EventEnvelope valid = confirmed("order-1");
        EventEnvelope invalid = new EventEnvelope(
                valid.id(),
                valid.type(),
                valid.version(),
                valid.source(),
                valid.occurredAt(),
                valid.aggregateId(),
                valid.correlationId(),
                null,
                valid.traceparent(),
                JsonNodeFactory.instance.objectNode());
        OutboxWriter writer = writer(false);

        assertThatThrownBy(() -> writer.append(invalid, Topics.ORDERS_ORDER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OrderConfirmed v1 fails its schema: [");
        assertThatThrownBy(() -> writer.write(valid, Topics.ORDERS_ORDER, List.of("data.orderId: missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OrderConfirmed v1 fails its schema: [data.orderId: missing]");
        assertThat(transactions.jdbc.statements).isEmpty();
        assertThat(transactions.synchronizations).isEmpty();
    }

    @Test
    void aFailedInsertFailsTheAppendAndWakesNobody() throws InterruptedException {
        SQLException refused = new SQLException("relation does not exist", "42P01");
        transactions.jdbc.failure = refused;

        assertThatThrownBy(() -> writer(false).append(confirmed("order-1"), Topics.ORDERS_ORDER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not append OrderConfirmed to the outbox")
                .hasCause(refused);
        transactions.commit();
        assertThat(signal.await(0)).isFalse();
    }
}
