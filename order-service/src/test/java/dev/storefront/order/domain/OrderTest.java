package dev.storefront.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderTest {

    private static final Instant PLACED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration TIME_TO_CONFIRM = Duration.ofMinutes(15);
    private static final CustomerId ALICE = CustomerId.of("alice");
    private static final LineRejection SHORT = new LineRejection(Sku.of("SKU-1"), 5, 2, "INSUFFICIENT_STOCK");

    private static Order pending() {
        return Order.place(
                        OrderId.newId(),
                        ALICE,
                        List.of(
                                new OrderLine(Sku.of("SKU-1"), 2, Money.of(1_250, "EUR")),
                                new OrderLine(Sku.of("SKU-2"), 1, Money.of(500, "EUR"))),
                        PLACED,
                        TIME_TO_CONFIRM)
                .order();
    }

    private static Order in(OrderStatus status) {
        Order order = pending();
        return switch (status) {
            case PENDING -> order;
            case CONFIRMED -> order.confirm(PLACED.plusSeconds(1)).order();
            case REJECTED -> order.reject(List.of(SHORT), PLACED.plusSeconds(1)).order();
            case CANCELLED -> order.cancel(null, PLACED.plusSeconds(1)).order();
            case EXPIRED -> order.expire(PLACED.plus(TIME_TO_CONFIRM)).order();
        };
    }

    @Test
    void placingAnOrderMakesItPendingWithItsTotalAndDeadlineAndAnnouncesIt() {
        Transition placed = Order.place(
                OrderId.newId(),
                ALICE,
                List.of(new OrderLine(Sku.of("SKU-1"), 2, Money.of(1_250, "EUR"))),
                PLACED,
                TIME_TO_CONFIRM);

        assertThat(placed.order().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(placed.order().total()).isEqualTo(Money.of(2_500, "EUR"));
        assertThat(placed.order().deadline()).isEqualTo(PLACED.plus(TIME_TO_CONFIRM));
        assertThat(placed.events()).containsExactly(new OrderEvent.Placed(placed.order()));
    }

    @Test
    void anOrderNeedsALineAndEachProductOnce() {
        assertThatThrownBy(() -> Order.place(OrderId.newId(), ALICE, List.of(), PLACED, TIME_TO_CONFIRM))
                .hasFieldOrPropertyWithValue("code", "empty-order");
        OrderLine line = new OrderLine(Sku.of("SKU-1"), 1, Money.of(100, "EUR"));
        assertThatThrownBy(() -> Order.place(OrderId.newId(), ALICE, List.of(line, line), PLACED, TIME_TO_CONFIRM))
                .hasFieldOrPropertyWithValue("code", "duplicate-sku");
    }

    @Test
    void aReservationConfirmsAPendingOrder() {
        Order order = pending();

        Transition confirmed = order.confirm(PLACED.plusSeconds(1));

        assertThat(confirmed.order().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.order().version()).isEqualTo(order.version() + 1);
        assertThat(confirmed.events()).containsExactly(new OrderEvent.Confirmed(order.id(), ALICE));
        assertThat(confirmed.order().history())
                .extracting(StatusChange::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED);
    }

    @Test
    void aRejectionRecordsEachLinesReasonAndAnnouncesThem() {
        Transition rejected = pending().reject(List.of(SHORT), PLACED.plusSeconds(1));

        assertThat(rejected.order().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.order().rejections()).containsExactly(SHORT);
        assertThat(rejected.events()).singleElement().isInstanceOfSatisfying(OrderEvent.Rejected.class, e -> {
            assertThat(e.lines()).containsExactly(SHORT);
            assertThat(e.reason()).contains("SKU-1").contains("INSUFFICIENT_STOCK");
        });
    }

    @Test
    void aPendingOrderExpiresOnlyOnceItsDeadlineHasPassed() {
        Order order = pending();

        assertThatThrownBy(() -> order.expire(PLACED.plus(TIME_TO_CONFIRM).minusMillis(1)))
                .hasFieldOrPropertyWithValue("code", "deadline-not-reached");
        Transition expired = order.expire(PLACED.plus(TIME_TO_CONFIRM));
        assertThat(expired.order().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(expired.events()).containsExactly(new OrderEvent.Expired(order.id(), ALICE));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "CONFIRMED"})
    void aCustomerCancelsAPendingOrConfirmedOrder(OrderStatus status) {
        Order order = in(status);

        Transition cancelled = order.cancel("changed my mind", PLACED.plusSeconds(2));

        assertThat(cancelled.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.events()).containsExactly(new OrderEvent.Cancelled(order.id(), ALICE, "changed my mind"));
        assertThat(cancelled
                        .order()
                        .history()
                        .get(cancelled.order().history().size() - 1)
                        .reason())
                .contains("changed my mind");
    }

    @Test
    void anAnswerThatArrivesTwiceChangesNothing() {
        assertNoChange(in(OrderStatus.CONFIRMED), o -> o.confirm(PLACED.plusSeconds(5)));
        assertNoChange(in(OrderStatus.REJECTED), o -> o.reject(List.of(SHORT), PLACED.plusSeconds(5)));
        assertNoChange(in(OrderStatus.CANCELLED), o -> o.cancel(null, PLACED.plusSeconds(5)));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"CANCELLED", "EXPIRED"})
    void aReservationThatArrivesAfterCancellationOrExpiryIsNeverConfirmed(OrderStatus status) {
        assertNoChange(in(status), o -> o.confirm(PLACED.plus(TIME_TO_CONFIRM).plusSeconds(1)));
        assertNoChange(
                in(status),
                o -> o.reject(List.of(SHORT), PLACED.plus(TIME_TO_CONFIRM).plusSeconds(1)));
    }

    @Test
    void everyIllegalTransitionIsRefusedWithAStableCode() {
        assertIllegal(in(OrderStatus.REJECTED), o -> o.confirm(PLACED.plusSeconds(5)));
        assertIllegal(in(OrderStatus.CONFIRMED), o -> o.reject(List.of(SHORT), PLACED.plusSeconds(5)));
        assertIllegal(in(OrderStatus.REJECTED), o -> o.cancel(null, PLACED.plusSeconds(5)));
        assertIllegal(in(OrderStatus.EXPIRED), o -> o.cancel(null, PLACED.plus(TIME_TO_CONFIRM)));
        for (OrderStatus status :
                List.of(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.EXPIRED)) {
            assertIllegal(in(status), o -> o.expire(PLACED.plus(TIME_TO_CONFIRM).plusSeconds(1)));
        }
    }

    @Test
    void aRepeatedCheckoutSeesTheOrderAsItWasPlaced() {
        Order order = pending();
        Order later = order.confirm(PLACED.plusSeconds(1)).order();

        Order asPlaced = later.asPlaced();

        assertThat(asPlaced.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(asPlaced.history()).isEqualTo(order.history());
        assertThat(asPlaced.version()).isZero();
        assertThat(asPlaced.total()).isEqualTo(order.total());
    }

    @Test
    void aCancellationReasonIsBounded() {
        assertThatThrownBy(() -> pending().cancel("x".repeat(201), PLACED.plusSeconds(1)))
                .hasFieldOrPropertyWithValue("code", "invalid-reason");
    }

    @Test
    void aCancellationReasonOfTwoHundredCharactersIsKeptAndMeasuredWithoutSurroundingBlanks() {
        String longest = "x".repeat(200);

        Transition exactly = pending().cancel(longest, PLACED.plusSeconds(1));
        Transition padded = pending().cancel("  " + longest + "  ", PLACED.plusSeconds(1));

        assertThat(lastReason(exactly.order())).contains(longest);
        assertThat(padded.events())
                .containsExactly(new OrderEvent.Cancelled(padded.order().id(), ALICE, longest));
    }

    @Test
    void aCancellationWithoutAReasonIsTheCustomers() {
        for (String none : new String[] {null, "", "   "}) {
            Transition cancelled = pending().cancel(none, PLACED.plusSeconds(1));

            assertThat(lastReason(cancelled.order())).contains("cancelled by the customer");
        }
    }

    @Test
    void anOrderWaitsAPositiveTimeForItsStock() {
        for (Duration wait : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> Order.place(
                            OrderId.newId(),
                            ALICE,
                            List.of(new OrderLine(Sku.of("SKU-1"), 1, Money.of(100, "EUR"))),
                            PLACED,
                            wait))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid-deadline");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    });
        }
    }

    @Test
    void aStoredOrderIsRestoredAsItWasWithoutReplayingItsHistory() {
        Order original = in(OrderStatus.REJECTED);

        Order restored = Order.restore(
                original.id(),
                original.customer(),
                original.lines(),
                original.status(),
                original.placedAt(),
                original.deadline(),
                original.version(),
                original.history(),
                original.rejections());

        assertThat(restored.id()).isEqualTo(original.id());
        assertThat(restored.customer()).isEqualTo(ALICE);
        assertThat(restored.lines()).isEqualTo(original.lines()).hasSize(2);
        assertThat(restored.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(restored.placedAt()).isEqualTo(PLACED);
        assertThat(restored.deadline()).isEqualTo(PLACED.plus(TIME_TO_CONFIRM));
        assertThat(restored.version()).isEqualTo(1);
        assertThat(restored.history()).isEqualTo(original.history());
        assertThat(restored.rejections()).containsExactly(SHORT);
        assertThat(restored.total()).isEqualTo(Money.of(3_000, "EUR"));
    }

    @Test
    void aDeadlineLiesAfterThePlacement() {
        Order order = pending();
        for (Instant deadline : List.of(PLACED, PLACED.minusSeconds(1))) {
            assertThatThrownBy(() -> Order.restore(
                            order.id(),
                            ALICE,
                            order.lines(),
                            OrderStatus.PENDING,
                            PLACED,
                            deadline,
                            0,
                            order.history(),
                            List.of()))
                    .hasFieldOrPropertyWithValue("code", "invalid-deadline");
        }
    }

    @Test
    void onlyAPendingOrderAtOrPastItsDeadlineIsOverdue() {
        Order order = pending();
        Instant deadline = PLACED.plus(TIME_TO_CONFIRM);

        assertThat(order.isOverdue(deadline.minusMillis(1))).isFalse();
        assertThat(order.isOverdue(deadline)).isTrue();
        assertThat(order.isOverdue(deadline.plusSeconds(60))).isTrue();
        assertThat(in(OrderStatus.CONFIRMED).isOverdue(deadline.plusSeconds(60)))
                .isFalse();
    }

    @Test
    void anOrderKnowsItsCustomerAndTheUnitPriceOfEachLine() {
        Order order = pending();

        assertThat(order.belongsTo(ALICE)).isTrue();
        assertThat(order.belongsTo(CustomerId.of("bob"))).isFalse();
        assertThat(order.unitPriceOf(Sku.of("SKU-2"))).contains(Money.of(500, "EUR"));
        assertThat(order.unitPriceOf(Sku.of("SKU-1"))).contains(Money.of(1_250, "EUR"));
        assertThat(order.unitPriceOf(Sku.of("SKU-3"))).isEmpty();
    }

    @Test
    void aRejectionWithoutLinesHasAGeneralReasonAndOneWithSeveralNamesEach() {
        LineRejection unknown = new LineRejection(Sku.of("SKU-2"), 1, 0, "UNKNOWN_SKU");

        Transition general = pending().reject(List.of(), PLACED.plusSeconds(1));
        Transition several = pending().reject(List.of(SHORT, unknown), PLACED.plusSeconds(1));

        assertThat(lastReason(general.order())).contains("stock could not be reserved");
        assertThat(lastReason(several.order()))
                .contains("SKU-1: INSUFFICIENT_STOCK (requested 5, available 2); SKU-2: UNKNOWN_SKU (requested 1,"
                        + " available 0)");
    }

    @Test
    void anExpiryRecordsTheDeadlineItMissed() {
        Transition expired = pending().expire(PLACED.plus(TIME_TO_CONFIRM).plusSeconds(3));

        assertThat(expired.order().history().get(1).at())
                .isEqualTo(PLACED.plus(TIME_TO_CONFIRM).plusSeconds(3));
        assertThat(lastReason(expired.order())).contains("no stock reservation before " + PLACED.plus(TIME_TO_CONFIRM));
    }

    @Test
    void aRejectedOrderAsPlacedHasNoRejections() {
        Order asPlaced = in(OrderStatus.REJECTED).asPlaced();

        assertThat(asPlaced.rejections()).isEmpty();
        assertThat(asPlaced.history()).extracting(StatusChange::status).containsExactly(OrderStatus.PENDING);
        assertThat(asPlaced.lines()).hasSize(2);
        assertThat(asPlaced.deadline()).isEqualTo(PLACED.plus(TIME_TO_CONFIRM));
    }

    @Test
    void thePlacementEventNamesTheOrderAndItsCustomer() {
        Order order = pending();
        OrderEvent placed = new OrderEvent.Placed(order);

        assertThat(placed.orderId()).isEqualTo(order.id());
        assertThat(placed.customer()).isEqualTo(ALICE);
    }

    private static java.util.Optional<String> lastReason(Order order) {
        return order.history().get(order.history().size() - 1).reason();
    }

    private static void assertNoChange(Order order, Function<Order, Transition> verb) {
        Transition transition = verb.apply(order);
        assertThat(transition.changed()).isFalse();
        assertThat(transition.events()).isEmpty();
        assertThat(transition.order()).isSameAs(order);
    }

    private static void assertIllegal(Order order, Function<Order, Transition> verb) {
        assertThatThrownBy(() -> verb.apply(order)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo("illegal-transition");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        });
    }
}
