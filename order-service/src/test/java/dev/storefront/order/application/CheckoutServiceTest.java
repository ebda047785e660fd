package dev.storefront.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.PlaceOrderUseCase.PlaceOrder;
import dev.storefront.order.application.port.in.PlaceOrderUseCase.Placement;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartId;
import dev.storefront.order.domain.CartLine;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckoutServiceTest {

    private static final Instant EARLIER = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final CustomerId ALICE = CustomerId.of("alice");
    private static final CustomerId BOB = CustomerId.of("bob");
    private static final Duration TIME_TO_CONFIRM = Duration.ofMinutes(15);
    private static final Duration KEY_RETENTION = Duration.ofHours(24);
    private static final String KEY = "checkout-0001";

    private final InMemoryCarts carts = new InMemoryCarts();
    private final StubCatalog catalog =
            new StubCatalog().product("SKU-1", 999, true).product("SKU-2", 500, true);
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
    private final InMemoryOrders orders = new InMemoryOrders();
    private final RecordingOrderEvents events = new RecordingOrderEvents();
    private final CheckoutService service = new CheckoutService(
            carts,
            catalog,
            keys,
            orders,
            new CheckoutTransaction(keys, orders, events),
            new CheckoutPolicy(TIME_TO_CONFIRM, KEY_RETENTION),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** Alice's cart at version 2: SKU-1 x2 at 9.99 and SKU-2 x1 at 5.00, as catalog prices them now. */
    private Cart alicesCart() {
        return carts.stored(new Cart(
                CartId.newId(),
                ALICE,
                2,
                List.of(
                        new CartLine(Sku.of("SKU-1"), 2, Money.of(999, "EUR"), EARLIER),
                        new CartLine(Sku.of("SKU-2"), 1, Money.of(500, "EUR"), EARLIER)),
                EARLIER,
                EARLIER));
    }

    private static PlaceOrder checkout(Cart cart) {
        return new PlaceOrder(ALICE, KEY, "fingerprint-1", cart.id());
    }

    private Order placedEarlier() {
        Order order = orders.stored(Order.place(
                        OrderId.newId(),
                        ALICE,
                        List.of(new OrderLine(Sku.of("SKU-1"), 1, Money.of(999, "EUR"))),
                        EARLIER,
                        TIME_TO_CONFIRM)
                .order());
        return orders.stored(order.confirm(EARLIER.plusSeconds(5)).order());
    }

    @Test
    void aCheckoutPlacesAPendingOrderAtCatalogsPricesAnnouncesItAndEmptiesTheCart() {
        Cart cart = alicesCart();

        Placement placement = service.placeOrder(checkout(cart));

        Order order = placement.order();
        assertThat(placement.replayed()).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.customer()).isEqualTo(ALICE);
        assertThat(order.lines())
                .containsExactly(
                        new OrderLine(Sku.of("SKU-1"), 2, Money.of(999, "EUR")),
                        new OrderLine(Sku.of("SKU-2"), 1, Money.of(500, "EUR")));
        assertThat(order.total()).isEqualTo(Money.of(2_498, "EUR"));
        assertThat(order.placedAt()).isEqualTo(NOW);
        assertThat(order.deadline()).isEqualTo(NOW.plus(TIME_TO_CONFIRM));
        assertThat(orders.current(order.id())).isSameAs(order);
        assertThat(events.published).containsExactly(new OrderEvent.Placed(order));
        assertThat(keys.find(ALICE, KEY)).contains(new IdempotencyKeys.Claimed("fingerprint-1", order.id()));
        assertThat(keys.lastKeepUntil).isEqualTo(NOW.plus(KEY_RETENTION));
        Cart emptied = carts.current(cart.id()).orElseThrow();
        assertThat(emptied.isEmpty()).isTrue();
        assertThat(emptied.version()).isEqualTo(3);
    }

    @Test
    void aRepeatedCheckoutGetsTheOrderAsItWasPlacedWithoutLookingAtTheCart() {
        Order earlier = placedEarlier();
        keys.claimedEarlier(ALICE, KEY, new IdempotencyKeys.Claimed("fingerprint-1", earlier.id()));

        Placement placement = service.placeOrder(new PlaceOrder(ALICE, KEY, "fingerprint-1", CartId.newId()));

        assertThat(placement.replayed()).isTrue();
        assertThat(placement.order().id()).isEqualTo(earlier.id());
        assertThat(placement.order().status()).as("as it was placed").isEqualTo(OrderStatus.PENDING);
        assertThat(placement.order().version()).isZero();
        assertThat(catalog.asked).isEmpty();
        assertThat(events.published).isEmpty();
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        Order earlier = placedEarlier();
        keys.claimedEarlier(ALICE, KEY, new IdempotencyKeys.Claimed("fingerprint-0", earlier.id()));

        assertThatThrownBy(() -> service.placeOrder(checkout(alicesCart())))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("idempotency-key-reused");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
                });
    }

    @Test
    void aKeyNamingAnOrderThatIsNotThereIsABug() {
        OrderId missing = OrderId.newId();
        keys.claimedEarlier(ALICE, KEY, new IdempotencyKeys.Claimed("fingerprint-1", missing));

        assertThatThrownBy(() -> service.placeOrder(checkout(alicesCart())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void onlyTheCustomersOwnNonEmptyCartIsCheckedOut() {
        Cart cart = alicesCart();
        assertThatThrownBy(() -> service.placeOrder(new PlaceOrder(BOB, KEY, "fingerprint-1", cart.id())))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-cart");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                });
        assertThatThrownBy(() -> service.placeOrder(new PlaceOrder(ALICE, KEY, "fingerprint-1", CartId.newId())))
                .hasFieldOrPropertyWithValue("code", "unknown-cart");

        Cart empty = carts.stored(Cart.open(CartId.newId(), ALICE, EARLIER));
        assertThatThrownBy(() -> service.placeOrder(checkout(empty)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("empty-cart");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                });
        assertThat(events.published).isEmpty();
    }

    @Test
    void aProductNoLongerForSaleStopsTheCheckoutNamingIt() {
        Cart cart = alicesCart();
        catalog.withdrawn("SKU-1").product("SKU-2", 500, false);

        assertThatThrownBy(() -> service.placeOrder(checkout(cart)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("product-unavailable");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("no longer for sale: SKU-1, SKU-2");
                });
        assertThat(events.published).isEmpty();
        assertThat(carts.current(cart.id())).contains(cart);
    }

    @Test
    void aMovedPriceStopsTheCheckoutAndRequotesTheCart() {
        Cart cart = alicesCart();
        catalog.product("SKU-1", 1_099, true).product("SKU-2", 450, true);

        assertThatThrownBy(() -> service.placeOrder(checkout(cart)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("price-changed");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("(SKU-1 999 -> 1099 EUR; SKU-2 500 -> 450 EUR)");
                });

        Cart requoted = carts.current(cart.id()).orElseThrow();
        assertThat(requoted.version()).isEqualTo(3);
        assertThat(requoted.lines())
                .extracting(CartLine::quotedPrice)
                .containsExactly(Money.of(1_099, "EUR"), Money.of(450, "EUR"));
        assertThat(events.published).isEmpty();
        assertThat(keys.find(ALICE, KEY)).isEmpty();
    }

    @Test
    void aRequoteThatLosesToAnotherWriterStillStopsTheCheckout() {
        Cart cart = alicesCart();
        catalog.product("SKU-1", 1_099, true);
        carts.anotherWriterFirst(c -> c.withQuantity(Sku.of("SKU-2"), 3, Money.of(500, "EUR"), NOW));

        assertThatThrownBy(() -> service.placeOrder(checkout(cart)))
                .hasFieldOrPropertyWithValue("code", "price-changed");

        assertThat(carts.current(cart.id())
                        .orElseThrow()
                        .line(Sku.of("SKU-1"))
                        .orElseThrow()
                        .quotedPrice())
                .as("the other writer's cart stays; the next read prices it afresh")
                .isEqualTo(Money.of(999, "EUR"));
    }

    @Test
    void aRefusalAfterAConcurrentRepeatPlacedTheOrderAnswersAsThatRepeat() {
        Order placedMeanwhile = placedEarlier();
        Cart emptiedByIt = carts.stored(Cart.open(CartId.newId(), ALICE, EARLIER));
        keys.claimedAfterNextLookup = new IdempotencyKeys.Claimed("fingerprint-1", placedMeanwhile.id());

        Placement placement = service.placeOrder(checkout(emptiedByIt));

        assertThat(placement.replayed()).isTrue();
        assertThat(placement.order().id()).isEqualTo(placedMeanwhile.id());
        assertThat(keys.lookups).isEqualTo(2);
    }

    @Test
    void aRefusalWithNoConcurrentRepeatIsReported() {
        Cart empty = carts.stored(Cart.open(CartId.newId(), ALICE, EARLIER));

        assertThatThrownBy(() -> service.placeOrder(checkout(empty))).hasFieldOrPropertyWithValue("code", "empty-cart");
        assertThat(keys.lookups).as("looked up again before refusing").isEqualTo(2);
    }

    @Test
    void aConcurrentRequestThatClaimedTheKeyFirstMakesThisOneItsRepeat() {
        Order placedMeanwhile = placedEarlier();
        Cart cart = alicesCart();
        keys.claimedAfterNextLookup = new IdempotencyKeys.Claimed("fingerprint-1", placedMeanwhile.id());

        Placement placement = service.placeOrder(checkout(cart));

        assertThat(placement.replayed()).isTrue();
        assertThat(placement.order().id()).isEqualTo(placedMeanwhile.id());
        assertThat(events.published)
                .as("only the first request announces an order")
                .isEmpty();
        assertThat(carts.current(cart.id()))
                .as("the first request empties the cart")
                .contains(cart);
    }

    @Test
    void theOrderStandsWhenTheCartCannotBeEmptied() {
        Cart changing = alicesCart();
        carts.anotherWriterFirst(c -> c.withQuantity(Sku.of("SKU-2"), 3, Money.of(500, "EUR"), NOW));

        Placement first = service.placeOrder(checkout(changing));

        assertThat(first.replayed()).isFalse();
        assertThat(carts.current(changing.id()).orElseThrow().lines()).hasSize(2);

        Cart unreachable = alicesCart();
        carts.storedFirst(id -> {
            throw DomainException.unavailable("cart-store-unavailable", "the cart store is away");
        });
        Placement second =
                service.placeOrder(new PlaceOrder(ALICE, "checkout-0002", "fingerprint-2", unreachable.id()));

        assertThat(second.replayed()).isFalse();
        assertThat(orders.current(second.order().id())).isNotNull();
        assertThat(events.published).hasSize(2);
    }

    @Test
    void aKeyTakenByAnotherRequestThatThenVanishedIsABug() {
        CheckoutTransaction transaction = new CheckoutTransaction(
                new IdempotencyKeys() {
                    @Override
                    public boolean claim(
                            CustomerId customer,
                            String key,
                            String fingerprint,
                            OrderId order,
                            Instant now,
                            Instant keepUntil) {
                        return false;
                    }

                    @Override
                    public Optional<Claimed> find(CustomerId customer, String key) {
                        return Optional.empty();
                    }

                    @Override
                    public int forgetExpired(Instant now) {
                        return 0;
                    }
                },
                orders,
                events);
        Cart cart = alicesCart();

        assertThatThrownBy(() -> transaction.record(
                        checkout(cart),
                        Order.place(
                                OrderId.newId(),
                                ALICE,
                                List.of(new OrderLine(Sku.of("SKU-1"), 1, Money.of(999, "EUR"))),
                                NOW,
                                TIME_TO_CONFIRM),
                        NOW,
                        NOW.plus(KEY_RETENTION)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a taken idempotency key vanished");
        assertThat(events.published).isEmpty();
    }
}
