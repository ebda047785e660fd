package dev.storefront.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.CartView;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartId;
import dev.storefront.order.domain.CartLine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CartServiceTest {

    private static final Instant EARLIER = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final CustomerId ALICE = CustomerId.of("alice");
    private static final CustomerId BOB = CustomerId.of("bob");
    private static final Sku SKU_1 = Sku.of("SKU-1");
    private static final Sku SKU_2 = Sku.of("SKU-2");

    private final InMemoryCarts carts = new InMemoryCarts();
    private final StubCatalog catalog = new StubCatalog()
            .product("SKU-1", 999, true)
            .product("SKU-2", 500, true)
            .product("OLD-1", 700, false);
    private final CartService service = new CartService(carts, catalog, Clock.fixed(NOW, ZoneOffset.UTC));

    /** Alice's cart, stored at version 3 with SKU-1 x2 quoted at 9.99 (set earlier). */
    private Cart alicesCart() {
        return carts.stored(new Cart(
                CartId.newId(),
                ALICE,
                3,
                java.util.List.of(new CartLine(SKU_1, 2, Money.of(999, "EUR"), EARLIER)),
                EARLIER,
                EARLIER));
    }

    @Test
    void aNewCartIsEmptyAndStoredForItsOwner() {
        CartView opened = service.open(ALICE);

        assertThat(opened.cart().owner()).isEqualTo(ALICE);
        assertThat(opened.cart().version()).isEqualTo(1);
        assertThat(opened.cart().createdAt()).isEqualTo(NOW);
        assertThat(opened.lines()).isEmpty();
        assertThat(opened.total()).isEmpty();
        assertThat(carts.current(opened.cart().id())).contains(opened.cart());
        assertThat(catalog.asked).as("an empty cart needs no prices").isEmpty();
    }

    @Test
    void aCartIdThatIsTakenAlreadyIsNotOverwritten() {
        carts.storedFirst(id -> Cart.open(id, BOB, EARLIER));

        assertThatThrownBy(() -> service.open(ALICE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cart id collision");
    }

    @Test
    void aCartIsShownAtCatalogsCurrentPrices() {
        Cart cart = alicesCart();

        CartView view = service.view(ALICE, cart.id());

        assertThat(view.cart()).isEqualTo(cart);
        assertThat(view.lines())
                .containsExactly(new CartView.Line(
                        cart.lines().get(0),
                        "Product SKU-1",
                        Money.of(999, "EUR"),
                        Money.of(1_998, "EUR"),
                        false,
                        true));
        assertThat(view.total()).contains(Money.of(1_998, "EUR"));
    }

    @Test
    void aMovedPriceIsFlaggedAndCountedAtItsNewValue() {
        Cart cart = alicesCart();
        catalog.product("SKU-1", 1_099, true);

        CartView.Line line = service.view(ALICE, cart.id()).lines().get(0);

        assertThat(line.currentPrice()).isEqualTo(Money.of(1_099, "EUR"));
        assertThat(line.lineTotal()).isEqualTo(Money.of(2_198, "EUR"));
        assertThat(line.priceChanged()).isTrue();
        assertThat(line.available()).isTrue();
    }

    @Test
    void productsNoLongerForSaleAreShownButCountNothing() {
        Cart cart = carts.stored(alicesCart()
                .withQuantity(SKU_2, 1, Money.of(500, "EUR"), EARLIER)
                .withQuantity(Sku.of("OLD-1"), 3, Money.of(700, "EUR"), EARLIER));
        catalog.withdrawn("SKU-2");

        CartView view = service.view(ALICE, cart.id());

        assertThat(view.lines())
                .extracting(CartView.Line::name, CartView.Line::available, CartView.Line::currentPrice)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Product SKU-1", true, Money.of(999, "EUR")),
                        org.assertj.core.groups.Tuple.tuple("SKU-2", false, Money.of(500, "EUR")),
                        org.assertj.core.groups.Tuple.tuple("Product OLD-1", false, Money.of(700, "EUR")));
        assertThat(view.lines().get(1).priceChanged())
                .as("a withdrawn product keeps its quoted price")
                .isFalse();
        assertThat(view.total()).contains(Money.of(1_998, "EUR"));
    }

    @Test
    void aCartWithNothingForSaleHasNoTotal() {
        Cart cart = alicesCart();
        catalog.product("SKU-1", 999, false);

        assertThat(service.view(ALICE, cart.id()).total()).isEmpty();
    }

    @Test
    void anotherCustomersCartDoesNotExist() {
        Cart cart = alicesCart();

        assertNotFound(() -> service.view(BOB, cart.id()), "unknown-cart");
        assertNotFound(() -> service.view(ALICE, CartId.newId()), "unknown-cart");
        assertNotFound(() -> service.setQuantity(BOB, cart.id(), SKU_2, 1, Optional.empty()), "unknown-cart");
        assertNotFound(() -> service.discard(BOB, cart.id(), Optional.empty()), "unknown-cart");
        assertThat(carts.current(cart.id())).contains(cart);
    }

    @Test
    void settingAQuantityStoresTheLineAtCatalogsPriceAsTheNextVersion() {
        Cart cart = alicesCart();

        CartView view = service.setQuantity(ALICE, cart.id(), SKU_2, 4, Optional.empty());

        Cart saved = carts.current(cart.id()).orElseThrow();
        assertThat(view.cart()).isEqualTo(saved);
        assertThat(saved.version()).isEqualTo(4);
        assertThat(saved.line(SKU_2)).contains(new CartLine(SKU_2, 4, Money.of(500, "EUR"), NOW));
        assertThat(view.total()).contains(Money.of(1_998 + 2_000, "EUR"));
    }

    @Test
    void aQuantityOutsideOneToNinetyNineIsRefusedWithoutAskingCatalog() {
        Cart cart = alicesCart();

        for (int quantity : new int[] {0, -1, 100}) {
            assertThatThrownBy(() -> service.setQuantity(ALICE, cart.id(), SKU_2, quantity, Optional.empty()))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid-quantity");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    });
        }
        assertThat(catalog.asked).isEmpty();

        service.setQuantity(ALICE, cart.id(), SKU_2, 1, Optional.empty());
        service.setQuantity(ALICE, cart.id(), SKU_1, 99, Optional.empty());
        assertThat(carts.current(cart.id()).orElseThrow().lines())
                .extracting(CartLine::quantity)
                .containsExactly(99, 1);
    }

    @Test
    void onlyAProductCatalogSellsCanBeAdded() {
        Cart cart = alicesCart();

        assertNotFound(
                () -> service.setQuantity(ALICE, cart.id(), Sku.of("NOPE-1"), 1, Optional.empty()), "unknown-product");
        assertThatThrownBy(() -> service.setQuantity(ALICE, cart.id(), Sku.of("OLD-1"), 1, Optional.empty()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("product-unavailable");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                });
        assertThat(carts.writes).isZero();
    }

    @Test
    void aWriteNamingTheCurrentVersionIsApplied() {
        Cart cart = alicesCart();

        service.setQuantity(ALICE, cart.id(), SKU_2, 1, Optional.of(3L));

        assertThat(carts.current(cart.id()).orElseThrow().version()).isEqualTo(4);
    }

    @Test
    void aWriteNamingAnOutdatedVersionIsRefused() {
        Cart cart = alicesCart();

        assertStale(() -> service.setQuantity(ALICE, cart.id(), SKU_2, 1, Optional.of(2L)));
        assertStale(() -> service.remove(ALICE, cart.id(), SKU_1, Optional.of(4L)));
        assertStale(() -> service.discard(ALICE, cart.id(), Optional.of(2L)));
        assertThat(carts.writes).isZero();
        assertThat(carts.current(cart.id())).contains(cart);
    }

    @Test
    void aWriteNamingItsVersionGetsOneTryWhenAnotherWriterGetsInFirst() {
        Cart cart = alicesCart();
        carts.anotherWriterFirst(c -> c.withQuantity(SKU_1, 7, Money.of(999, "EUR"), NOW));

        assertStale(() -> service.setQuantity(ALICE, cart.id(), SKU_2, 1, Optional.of(3L)));

        assertThat(carts.writes).isEqualTo(1);
        assertThat(carts.current(cart.id()).orElseThrow().line(SKU_2)).isEmpty();
    }

    @Test
    void aWriteWithoutAVersionIsReappliedToTheNewerCartSoNeitherChangeIsLost() {
        Cart cart = alicesCart();
        carts.anotherWriterFirst(c -> c.withQuantity(SKU_1, 7, Money.of(999, "EUR"), NOW));

        CartView view = service.setQuantity(ALICE, cart.id(), SKU_2, 1, Optional.empty());

        Cart saved = carts.current(cart.id()).orElseThrow();
        assertThat(view.cart()).isEqualTo(saved);
        assertThat(saved.version()).isEqualTo(5);
        assertThat(saved.lines()).extracting(CartLine::quantity).containsExactly(7, 1);
        assertThat(carts.writes).isEqualTo(2);
    }

    @Test
    void aWriteWithoutAVersionSucceedsOnItsFifthTry() {
        Cart cart = alicesCart();
        for (int i = 1; i < CartService.ATTEMPTS_WITHOUT_IF_MATCH; i++) {
            int quantity = i;
            carts.anotherWriterFirst(c -> c.withQuantity(SKU_2, quantity, Money.of(500, "EUR"), NOW));
        }

        service.setQuantity(ALICE, cart.id(), SKU_1, 3, Optional.empty());

        assertThat(carts.writes).isEqualTo(CartService.ATTEMPTS_WITHOUT_IF_MATCH);
        Cart saved = carts.current(cart.id()).orElseThrow();
        assertThat(saved.line(SKU_1).orElseThrow().quantity()).isEqualTo(3);
        assertThat(saved.line(SKU_2).orElseThrow().quantity()).isEqualTo(CartService.ATTEMPTS_WITHOUT_IF_MATCH - 1);
    }

    @Test
    void aWriteWithoutAVersionThatLosesFiveTimesReportsAConflict() {
        Cart cart = alicesCart();
        for (int i = 0; i < CartService.ATTEMPTS_WITHOUT_IF_MATCH + 1; i++) {
            carts.anotherWriterFirst(c -> c.withQuantity(SKU_2, 1, Money.of(500, "EUR"), NOW));
        }

        assertThatThrownBy(() -> service.setQuantity(ALICE, cart.id(), SKU_1, 3, Optional.empty()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("cart-conflict");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                });
        assertThat(carts.writes).isEqualTo(CartService.ATTEMPTS_WITHOUT_IF_MATCH);
        assertThat(carts.current(cart.id())
                        .orElseThrow()
                        .line(SKU_1)
                        .orElseThrow()
                        .quantity())
                .isEqualTo(2);
    }

    @Test
    void aProductIsTakenOutOfTheCart() {
        Cart cart = alicesCart();

        CartView view = service.remove(ALICE, cart.id(), SKU_1, Optional.empty());

        assertThat(view.lines()).isEmpty();
        assertThat(view.total()).isEmpty();
        assertThat(carts.current(cart.id()).orElseThrow().version()).isEqualTo(4);
        assertNotFound(() -> service.remove(ALICE, cart.id(), SKU_1, Optional.empty()), "unknown-cart-line");
    }

    @Test
    void aDiscardedCartIsGone() {
        Cart cart = alicesCart();

        service.discard(ALICE, cart.id(), Optional.of(3L));

        assertThat(carts.current(cart.id())).isEmpty();
    }

    @Test
    void aDiscardThatLosesToAnotherWriterIsRefused() {
        Cart cart = alicesCart();
        carts.anotherWriterFirst(c -> c.emptied(NOW));
        assertThatThrownBy(() -> service.discard(ALICE, cart.id(), Optional.empty()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("cart-conflict");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                });

        Cart other = alicesCart();
        carts.anotherWriterFirst(c -> c.emptied(NOW));
        assertStale(() -> service.discard(ALICE, other.id(), Optional.of(3L)));

        assertThat(carts.current(cart.id())).isPresent();
        assertThat(carts.current(other.id())).isPresent();
    }

    private static void assertStale(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo("stale-cart-version");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.PRECONDITION_FAILED);
        });
    }

    private static void assertNotFound(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        });
    }
}
