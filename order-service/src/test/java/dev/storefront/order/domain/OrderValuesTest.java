package dev.storefront.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The small values an order is made of. */
class OrderValuesTest {

    private static final Sku SKU = Sku.of("SKU-1");
    private static final Money PRICE = Money.of(1_250, "EUR");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anOrderLineIsOneToNinetyNineUnits() {
        for (int quantity : new int[] {0, -1, 100}) {
            assertThatThrownBy(() -> new OrderLine(SKU, quantity, PRICE))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid-quantity");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    });
        }
        assertThat(new OrderLine(SKU, 1, PRICE).quantity()).isEqualTo(1);
        assertThat(new OrderLine(SKU, 99, PRICE).quantity()).isEqualTo(99);
    }

    @Test
    void anOrderLineCostsItsUnitPriceTimesItsQuantity() {
        assertThat(new OrderLine(SKU, 3, PRICE).lineTotal()).isEqualTo(Money.of(3_750, "EUR"));
        assertThatThrownBy(() -> new OrderLine(null, 1, PRICE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderLine(SKU, 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCartLineIsOneToNinetyNineUnits() {
        for (int quantity : new int[] {0, 100}) {
            assertThatThrownBy(() -> new CartLine(SKU, quantity, PRICE, NOW))
                    .hasFieldOrPropertyWithValue("code", "invalid-quantity");
        }
        assertThat(new CartLine(SKU, 1, PRICE, NOW).quantity()).isEqualTo(1);
        assertThat(new CartLine(SKU, 99, PRICE, NOW).quantity()).isEqualTo(99);
    }

    @Test
    void anOrderIdIsAUuidAndPrintsAsOne() {
        UUID uuid = UUID.fromString("0190f5c2-7b1e-7cc1-8a4e-3b5d2f6a9c10");

        OrderId id = OrderId.parse(uuid.toString());

        assertThat(id.value()).isEqualTo(uuid);
        assertThat(id.toString()).isEqualTo("0190f5c2-7b1e-7cc1-8a4e-3b5d2f6a9c10");
        assertThat(OrderId.parse(id.toString())).isEqualTo(id);
        assertThat(OrderId.newId()).isNotEqualTo(OrderId.newId());
    }

    @Test
    void anythingButAUuidIsAnOrderThatDoesNotExist() {
        for (String text : new String[] {null, "", "order-1", "../../etc/passwd"}) {
            assertThatThrownBy(() -> OrderId.parse(text)).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo("unknown-order");
                assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            });
        }
    }

    @Test
    void aLineRejectionDescribesItselfForPeople() {
        assertThat(new LineRejection(SKU, 5, 2, "INSUFFICIENT_STOCK").describe())
                .isEqualTo("SKU-1: INSUFFICIENT_STOCK (requested 5, available 2)");
        assertThatThrownBy(() -> new LineRejection(SKU, 1, 0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LineRejection(null, 1, 0, "UNKNOWN_SKU")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStatusChangeHasAStatusATimeAndAnOptionalReason() {
        assertThat(new StatusChange(OrderStatus.PENDING, NOW, Optional.empty()).reason())
                .isEmpty();
        assertThatThrownBy(() -> new StatusChange(null, NOW, Optional.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StatusChange(OrderStatus.PENDING, null, Optional.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StatusChange(OrderStatus.PENDING, NOW, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTransitionWithoutEventsChangedNothingAndKeepsItsOwnCopyOfTheEvents() {
        Order order = Order.place(
                        OrderId.newId(),
                        dev.storefront.kernel.CustomerId.of("alice"),
                        List.of(new OrderLine(SKU, 1, PRICE)),
                        NOW,
                        java.time.Duration.ofMinutes(15))
                .order();
        List<OrderEvent> events = new ArrayList<>(List.of(new OrderEvent.Expired(order.id(), order.customer())));

        Transition changed = new Transition(order, events);
        events.clear();

        assertThat(changed.changed()).isTrue();
        assertThat(changed.events()).hasSize(1);
        assertThat(Transition.unchanged(order).changed()).isFalse();
        assertThat(Transition.unchanged(order).order()).isSameAs(order);
        assertThatThrownBy(() -> new Transition(null, List.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRejectionEventKeepsItsOwnCopyOfTheLines() {
        List<LineRejection> lines = new ArrayList<>(List.of(new LineRejection(SKU, 5, 2, "INSUFFICIENT_STOCK")));

        OrderEvent.Rejected rejected =
                new OrderEvent.Rejected(OrderId.newId(), dev.storefront.kernel.CustomerId.of("alice"), "short", lines);
        lines.clear();

        assertThat(rejected.lines()).hasSize(1);
    }
}
