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
