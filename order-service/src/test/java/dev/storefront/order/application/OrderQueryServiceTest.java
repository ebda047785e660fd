package dev.storefront.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.PageSize;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.QueryOrdersUseCase.OrderPage;
import dev.storefront.order.application.port.in.QueryOrdersUseCase.Position;
import dev.storefront.order.application.port.in.QueryOrdersUseCase.Viewer;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderLine;
import dev.storefront.order.domain.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderQueryServiceTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final CustomerId ALICE = CustomerId.of("alice");
    private static final CustomerId BOB = CustomerId.of("bob");

    private final InMemoryOrders orders = new InMemoryOrders();
    private final OrderQueryService service = new OrderQueryService(orders);

    /** An order of {@code customer} placed {@code minutes} after the start. */
    private Order placed(CustomerId customer, int minutes) {
        return orders.stored(Order.place(
                        OrderId.newId(),
                        customer,
                        List.of(new OrderLine(Sku.of("SKU-1"), 1, Money.of(999, "EUR"))),
                        START.plus(Duration.ofMinutes(minutes)),
                        Duration.ofMinutes(15))
                .order());
    }

    @Test
    void anOrderIsSeenByItsOwnerAndByAnAdministrator() {
        Order order = placed(ALICE, 0);

        assertThat(service.order(new Viewer(ALICE, false), order.id())).isSameAs(order);
        assertThat(service.order(new Viewer(BOB, true), order.id())).isSameAs(order);
    }

    @Test
    void toAnyoneElseAnOrderDoesNotExist() {
        Order order = placed(ALICE, 0);

        for (OrderId id : List.of(order.id(), OrderId.newId())) {
            assertThatThrownBy(() -> service.order(new Viewer(BOB, false), id))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("unknown-order");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                    });
        }
    }

    @Test
    void aCustomersOrdersArePagedNewestFirstEachPageSayingWhereTheNextStarts() {
        List<Order> placed =
                List.of(placed(ALICE, 1), placed(ALICE, 2), placed(ALICE, 3), placed(ALICE, 4), placed(ALICE, 5));
        placed(BOB, 6);
        PageSize two = new PageSize(2);

        OrderPage first = service.ordersOf(ALICE, Optional.empty(), Optional.empty(), two);
        OrderPage second = service.ordersOf(ALICE, Optional.empty(), first.next(), two);
        OrderPage last = service.ordersOf(ALICE, Optional.empty(), second.next(), two);

        assertThat(first.items()).containsExactly(placed.get(4), placed.get(3));
        assertThat(first.next())
                .contains(new Position(placed.get(3).placedAt(), placed.get(3).id()));
        assertThat(second.items()).containsExactly(placed.get(2), placed.get(1));
        assertThat(second.next())
                .contains(new Position(placed.get(1).placedAt(), placed.get(1).id()));
        assertThat(last.items()).containsExactly(placed.get(0));
        assertThat(last.next()).isEmpty();
        assertThat(orders.limitsAsked)
                .as("one more than a page, to know whether another follows")
                .containsOnly(3);
    }

    @Test
    void aPageThatHoldsTheLastOrdersExactlyHasNoNext() {
        Order older = placed(ALICE, 1);
        Order newer = placed(ALICE, 2);

        OrderPage page = service.ordersOf(ALICE, Optional.empty(), Optional.empty(), new PageSize(2));

        assertThat(page.items()).containsExactly(newer, older);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void theListingCanBeLimitedToOneStatus() {
        Order pending = placed(ALICE, 1);
        Order confirmed =
                orders.stored(placed(ALICE, 2).confirm(START.plusSeconds(200)).order());

        assertThat(service.ordersOf(ALICE, Optional.of(OrderStatus.CONFIRMED), Optional.empty(), PageSize.ofDefault())
                        .items())
                .containsExactly(confirmed);
        assertThat(service.ordersOf(ALICE, Optional.of(OrderStatus.PENDING), Optional.empty(), PageSize.ofDefault())
                        .items())
                .containsExactly(pending);
    }
}
