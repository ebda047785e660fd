package dev.storefront.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.domain.LineRejection;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderEvent;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderLine;
import dev.storefront.order.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderLifecycleServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration TIME_TO_CONFIRM = Duration.ofMinutes(15);
    private static final CustomerId ALICE = CustomerId.of("alice");
    private static final LineRejection SHORT = new LineRejection(Sku.of("SKU-1"), 2, 0, "INSUFFICIENT_STOCK");

    private final InMemoryOrders orders = new InMemoryOrders();
    private final RecordingOrderEvents events = new RecordingOrderEvents();
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
    private final OrderLifecycleService service =
            new OrderLifecycleService(orders, events, keys, Clock.fixed(NOW, ZoneOffset.UTC));

    /** A PENDING order of Alice's placed {@code ago} before now. */
    private Order placed(Duration ago) {
        return orders.stored(Order.place(
                        OrderId.newId(),
                        ALICE,
                        List.of(new OrderLine(Sku.of("SKU-1"), 2, Money.of(999, "EUR"))),
                        NOW.minus(ago),
                        TIME_TO_CONFIRM)
                .order());
    }

    @Test
    void aReservationConfirmsTheOrderAndAnnouncesIt() {
        Order order = placed(Duration.ofMinutes(1));

        service.reserved(order.id());

        Order confirmed = orders.current(order.id());
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.version()).isEqualTo(1);
        assertThat(confirmed.history().get(1).at()).isEqualTo(NOW);
        assertThat(orders.locked).containsExactly(order.id());
        assertThat(events.published).containsExactly(new OrderEvent.Confirmed(order.id(), ALICE));
    }

    @Test
    void anAnswerThatChangesNothingIsNeitherSavedNorAnnounced() {
        Order confirmed = placed(Duration.ofMinutes(1));
        service.reserved(confirmed.id());
        Order cancelled = orders.stored(
                placed(Duration.ofMinutes(1)).cancel(null, NOW.minusSeconds(5)).order());
        int updates = orders.updates;

        service.reserved(confirmed.id());
        service.rejected(cancelled.id(), List.of(SHORT));
        service.reserved(cancelled.id());

        assertThat(orders.updates).isEqualTo(updates);
        assertThat(events.published).containsExactly(new OrderEvent.Confirmed(confirmed.id(), ALICE));
        assertThat(orders.current(cancelled.id())).isSameAs(cancelled);
    }

    @Test
    void anAnswerForAnOrderThisServiceDoesNotKnowIsIgnored() {
        OrderId unknown = OrderId.newId();

        service.reserved(unknown);
        service.rejected(unknown, List.of(SHORT));

        assertThat(orders.locked).containsExactly(unknown, unknown);
        assertThat(events.published).isEmpty();
        assertThat(orders.updates).isZero();
    }

    @Test
    void aRejectionRejectsTheOrderWithItsLines() {
        Order order = placed(Duration.ofMinutes(1));

        service.rejected(order.id(), List.of(SHORT));

        Order rejected = orders.current(order.id());
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rejections()).containsExactly(SHORT);
        assertThat(events.published)
                .singleElement()
                .isInstanceOfSatisfying(
                        OrderEvent.Rejected.class, e -> assertThat(e.lines()).containsExactly(SHORT));
    }

    @Test
    void aCustomerCancelsTheirOwnOrder() {
        Order order = placed(Duration.ofMinutes(1));

        Order cancelled = service.cancel(ALICE, order.id(), "changed my mind");

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.current(order.id())).isSameAs(cancelled);
        assertThat(events.published).containsExactly(new OrderEvent.Cancelled(order.id(), ALICE, "changed my mind"));

        Order again = service.cancel(ALICE, order.id(), "really");
        assertThat(again).as("cancelling twice changes nothing").isSameAs(cancelled);
        assertThat(events.published).hasSize(1);
    }

    @Test
    void anotherCustomersOrderCannotBeCancelledAndDoesNotExistForThem() {
        Order order = placed(Duration.ofMinutes(1));

        for (OrderId id : List.of(order.id(), OrderId.newId())) {
            assertThatThrownBy(() -> service.cancel(CustomerId.of("bob"), id, null))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("unknown-order");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                    });
        }
        assertThat(orders.current(order.id()).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void theSweepExpiresPendingOrdersPastTheirDeadlineUpToItsLimit() {
        Order overdue = placed(TIME_TO_CONFIRM.plusMinutes(5));
        Order dueNow = placed(TIME_TO_CONFIRM);
        Order waiting = placed(TIME_TO_CONFIRM.minusSeconds(1));

        assertThat(service.expireOverdue(1)).isEqualTo(1);
        assertThat(service.expireOverdue(10)).isEqualTo(1);
        assertThat(service.expireOverdue(10)).isZero();

        assertThat(orders.limitsAsked).containsExactly(1, 10, 10);
        assertThat(orders.current(overdue.id()).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(orders.current(dueNow.id()).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(orders.current(waiting.id()).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(events.published)
                .containsExactly(
                        new OrderEvent.Expired(overdue.id(), ALICE), new OrderEvent.Expired(dueNow.id(), ALICE));
    }

    @Test
    void anOrderThatMovedOnAfterTheSweepListedItIsLeftAlone() {
        Order confirmed = orders.stored(placed(TIME_TO_CONFIRM.plusMinutes(5))
                .confirm(NOW.minusSeconds(30))
                .order());
        OrderId gone = OrderId.newId();
        orders.alsoListedAsOverdue.addAll(List.of(confirmed.id(), gone));
        Order overdue = placed(TIME_TO_CONFIRM.plusMinutes(1));

        assertThat(service.expireOverdue(10)).isEqualTo(1);

        assertThat(orders.current(confirmed.id())).isSameAs(confirmed);
        assertThat(events.published).containsExactly(new OrderEvent.Expired(overdue.id(), ALICE));
    }

    @Test
    void keysKeptPastTheirRetentionAreForgotten() {
        OrderId order = OrderId.newId();
        keys.claim(ALICE, "key-expired-1", "f", order, NOW.minusSeconds(100), NOW.minusSeconds(1));
        keys.claim(ALICE, "key-expired-2", "f", order, NOW.minusSeconds(100), NOW.minusSeconds(2));
        keys.claim(ALICE, "key-kept-0001", "f", order, NOW.minusSeconds(100), NOW.plusSeconds(1));

        assertThat(service.forgetExpiredIdempotencyKeys()).isEqualTo(2);
        assertThat(keys.find(ALICE, "key-kept-0001")).contains(new IdempotencyKeys.Claimed("f", order));
    }
}
