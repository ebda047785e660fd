package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterControllerTest {

    private static final String TOPIC = "orders.order.v1";
    private static final String DLQ = TOPIC + ".dlq";
    private static final Authentication OPERATOR = Authentication.build("ops-anna");
    private static final DeadLetterStore.DeadLetter FIRST = letter(0, 4, "order-1", "event-a");
    private static final DeadLetterStore.DeadLetter SECOND = letter(2, 9, "order-2", "event-b");

    /** The dead-letter topics as the test lays them out; records what the controller asked for. */
    private static final class Letters extends DeadLetterStore {
        List<DeadLetter> letters = List.of(FIRST, SECOND);
        Map<RedriveLog.Coordinates, Instant> redriven = new HashMap<>();
        RedriveReport report = new RedriveReport(List.of(FIRST, SECOND), 0, true);
        final List<String> calls = new ArrayList<>();

        Letters() {
            super("127.0.0.1:9", null, null);
        }

        @Override
        public List<DeadLetter> list(String topic, int limit) {
            calls.add("list " + topic + " " + limit);
            return letters;
        }

        @Override
        public RedriveReport redrive(String topic, Optional<Integer> partition, Optional<Long> offset, String by) {
            calls.add("redrive " + topic + " " + partition + " " + offset + " by " + by);
            return report;
        }

        @Override
        public Map<RedriveLog.Coordinates, Instant> redrivenOf(String topic) {
            calls.add("redrivenOf " + topic);
            return redriven;
        }
    }

    private final Letters store = new Letters();
    private final DeadLetterController controller = new DeadLetterController(
            store, new MessagingSettings("order-service", "orders", List.of(TOPIC), 3, (short) 1, ""));

    private static DeadLetterStore.DeadLetter letter(int partition, long offset, String key, String eventId) {
        return new DeadLetterStore.DeadLetter(
                DLQ,
                partition,
                offset,
                key,
                Map.of(EventProducer.HEADER_EVENT_ID, eventId, DeadLetterHeaders.REASON, "handler-failed"),
                ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lettersAreListedWithWhenEachWasLastRedriven() throws Exception {
        Instant redrivenAt = Instant.parse("2026-12-01T09:00:00Z");
        store.redriven.put(new RedriveLog.Coordinates(2, 9), redrivenAt);

        List<DeadLetterController.DeadLetterView> views = controller.list(TOPIC, null);

        assertThat(store.calls).containsExactly("redrivenOf " + TOPIC, "list " + TOPIC + " 50");
        assertThat(views)
                .containsExactly(
                        new DeadLetterController.DeadLetterView(
                                0, 4, "order-1", FIRST.headers(), "{\"id\":\"event-a\"}", null),
                        new DeadLetterController.DeadLetterView(
                                2, 9, "order-2", SECOND.headers(), "{\"id\":\"event-b\"}", redrivenAt));
    }

    @Test
    void aListingHoldsOneToFiveHundredLetters() throws Exception {
        for (int limit : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> controller.list(TOPIC, limit)).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo("invalid-limit");
                assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            });
        }
        assertThat(store.calls).isEmpty();

        controller.list(TOPIC, 1);
        controller.list(TOPIC, 500);

        assertThat(store.calls).contains("list " + TOPIC + " 1", "list " + TOPIC + " 500");
    }

    @Test
    void aTopicTheServiceDoesNotUseHasNoDeadLetters() {
        assertThatThrownBy(() -> controller.list("payments.v1", null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-topic");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("payments.v1").contains(TOPIC);
                });
        assertThatThrownBy(() -> controller.redrive("payments.v1", null, OPERATOR))
                .hasFieldOrPropertyWithValue("code", "unknown-topic");
        assertThat(store.calls).isEmpty();
    }

    @Test
    void aRedriveWithoutARequestPutsBackEveryLetterAndNamesTheOperator() throws Exception {
        store.report = new DeadLetterStore.RedriveReport(List.of(FIRST, SECOND), 3, false);

        DeadLetterController.RedriveResult result = controller.redrive(TOPIC, null, OPERATOR);

        assertThat(store.calls).containsExactly("redrive " + TOPIC + " Optional.empty Optional.empty by ops-anna");
        assertThat(result)
                .isEqualTo(new DeadLetterController.RedriveResult(
                        2,
                        3,
                        false,
                        List.of(
                                new DeadLetterController.RedrivenLetter(0, 4, "order-1", "event-a"),
                                new DeadLetterController.RedrivenLetter(2, 9, "order-2", "event-b"))));
    }

    @Test
    void aRedriveOfOneLetterNamesBothItsPartitionAndItsOffset() throws Exception {
        store.report = new DeadLetterStore.RedriveReport(List.of(SECOND), 0, true);

        DeadLetterController.RedriveResult result =
                controller.redrive(TOPIC, new DeadLetterController.RedriveRequest(2, 9L), OPERATOR);

        assertThat(store.calls).containsExactly("redrive " + TOPIC + " Optional[2] Optional[9] by ops-anna");
        assertThat(result.redriven()).isEqualTo(1);
        assertThat(result.complete()).isTrue();

        assertThatThrownBy(() -> controller.redrive(TOPIC, new DeadLetterController.RedriveRequest(2, null), OPERATOR))
                .hasFieldOrPropertyWithValue("code", "invalid-redrive");
        assertThatThrownBy(() -> controller.redrive(TOPIC, new DeadLetterController.RedriveRequest(null, 9L), OPERATOR))
                .hasFieldOrPropertyWithValue("code", "invalid-redrive");
        assertThat(store.calls).hasSize(1);
    }

    @Test
    void aRedriveOfALetterThatIsNotThereIsNotFound() throws Exception {
        store.report = new DeadLetterStore.RedriveReport(List.of(), 0, true);

        assertThatThrownBy(() -> controller.redrive(TOPIC, new DeadLetterController.RedriveRequest(1, 77L), OPERATOR))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-letter");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("partition 1").contains("offset 77");
                });

        assertThat(controller.redrive(TOPIC, null, OPERATOR).redriven())
                .as("redriving all of an empty topic is no error")
                .isZero();
    }

    @Test
    void aLetterShowsItsValueAsTextAndItsHeadersByName() {
        assertThat(FIRST.value()).isEqualTo("{\"id\":\"event-a\"}");
        assertThat(FIRST.header(DeadLetterHeaders.REASON)).isEqualTo("handler-failed");
        assertThat(FIRST.header("missing")).isNull();
        assertThat(new DeadLetterStore.DeadLetter(TOPIC, 0, 0, null, Map.of(), null).value())
                .isEmpty();
    }
}
