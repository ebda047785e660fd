package dev.storefront.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CartTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Money PRICE = Money.of(999, "EUR");

    private static Cart empty() {
        return Cart.open(CartId.newId(), CustomerId.of("alice"), NOW);
    }

    @Test
    void settingAQuantityAddsOrReplacesTheLineAndMovesTheVersionOn() {
        Cart cart = empty().withQuantity(Sku.of("SKU-1"), 2, PRICE, NOW);
        Cart again = cart.withQuantity(Sku.of("SKU-1"), 5, PRICE, NOW);

        assertThat(again.lines()).singleElement().extracting(CartLine::quantity).isEqualTo(5);
        assertThat(again.version()).isEqualTo(cart.version() + 1).isEqualTo(3);
    }

    @Test
    void aQuantityIsOneToNinetyNine() {
        assertThatThrownBy(() -> empty().withQuantity(Sku.of("SKU-1"), 0, PRICE, NOW))
                .hasFieldOrPropertyWithValue("code", "invalid-quantity");
        assertThatThrownBy(() -> empty().withQuantity(Sku.of("SKU-1"), 100, PRICE, NOW))
                .hasFieldOrPropertyWithValue("code", "invalid-quantity");
        assertThat(empty().withQuantity(Sku.of("SKU-1"), 99, PRICE, NOW).lines())
                .hasSize(1);
    }

    @Test
    void aCartHoldsAtMostFiftyProducts() {
        Cart cart = empty();
        for (int i = 0; i < Cart.MAX_LINES; i++) {
            cart = cart.withQuantity(Sku.of("SKU-%03d".formatted(i)), 1, PRICE, NOW);
        }
        Cart full = cart;

        assertThatThrownBy(() -> full.withQuantity(Sku.of("SKU-999"), 1, PRICE, NOW))
                .hasFieldOrPropertyWithValue("code", "too-many-lines");
        assertThat(full.withQuantity(Sku.of("SKU-000"), 3, PRICE, NOW).lines()).hasSize(Cart.MAX_LINES);
    }

    @Test
    void removingAProductThatIsNotInTheCartIsRefused() {
        assertThatThrownBy(() -> empty().without(Sku.of("SKU-1"), NOW))
                .hasFieldOrPropertyWithValue("code", "unknown-cart-line");
    }

    @Test
    void requotingTakesCatalogsPricesForTheLinesNamed() {
        Cart cart = empty().withQuantity(Sku.of("SKU-1"), 1, PRICE, NOW).withQuantity(Sku.of("SKU-2"), 1, PRICE, NOW);

        Cart requoted = cart.requoted(Map.of(Sku.of("SKU-2"), Money.of(1_099, "EUR")), NOW);

        assertThat(requoted.line(Sku.of("SKU-1")).orElseThrow().quotedPrice()).isEqualTo(PRICE);
        assertThat(requoted.line(Sku.of("SKU-2")).orElseThrow().quotedPrice()).isEqualTo(Money.of(1_099, "EUR"));
        assertThat(requoted.version()).as("a requote is a change of the cart").isEqualTo(cart.version() + 1);
    }

    @Test
    void cartIdsAreUnguessableAndAnythingElseIsNotACart() {
        assertThat(CartId.newId()).isNotEqualTo(CartId.newId());
        assertThat(CartId.newId().value()).hasSize(32);
        assertThatThrownBy(() -> CartId.parse("../../etc")).hasFieldOrPropertyWithValue("code", "unknown-cart");
        assertThatThrownBy(() -> CartId.parse(null)).hasFieldOrPropertyWithValue("code", "unknown-cart");
        String id = CartId.newId().value();
        assertThat(CartId.parse(id).value()).isEqualTo(id);
    }

    @Test
    void anEmptiedCartKeepsItsIdentityAndMovesTheVersionOn() {
        Instant later = NOW.plusSeconds(30);
        Cart cart = empty().withQuantity(Sku.of("SKU-1"), 2, PRICE, NOW);

        Cart emptied = cart.emptied(later);

        assertThat(emptied.isEmpty()).isTrue();
        assertThat(cart.isEmpty()).isFalse();
        assertThat(emptied.id()).isEqualTo(cart.id());
        assertThat(emptied.version()).isEqualTo(cart.version() + 1);
        assertThat(emptied.createdAt()).isEqualTo(NOW);
        assertThat(emptied.updatedAt()).isEqualTo(later);
    }

    @Test
    void removingAProductTakesOutThatLineOnly() {
        Cart cart = empty().withQuantity(Sku.of("SKU-1"), 1, PRICE, NOW).withQuantity(Sku.of("SKU-2"), 4, PRICE, NOW);

        Cart without = cart.without(Sku.of("SKU-1"), NOW.plusSeconds(1));

        assertThat(without.lines()).extracting(CartLine::sku).containsExactly(Sku.of("SKU-2"));
        assertThat(without.version()).isEqualTo(cart.version() + 1);
        assertThat(without.updatedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aCartBelongsToTheCustomerWhoOpenedIt() {
        assertThat(empty().belongsTo(CustomerId.of("alice"))).isTrue();
        assertThat(empty().belongsTo(CustomerId.of("bob"))).isFalse();
    }

    @Test
    void aStoredCartHasAVersionAndEachProductOnce() {
        CartLine line = new CartLine(Sku.of("SKU-1"), 1, PRICE, NOW);
        CartId id = CartId.newId();
        CustomerId alice = CustomerId.of("alice");

        assertThatThrownBy(() -> new Cart(id, alice, 0, java.util.List.of(), NOW, NOW))
                .hasFieldOrPropertyWithValue("code", "invalid-version");
        assertThatThrownBy(() -> new Cart(id, alice, 2, java.util.List.of(line, line), NOW, NOW))
                .hasFieldOrPropertyWithValue("code", "duplicate-sku");
        assertThat(new Cart(id, alice, 1, java.util.List.of(line), NOW, NOW).lines())
                .containsExactly(line);
    }

    @Test
    void aCartIdPrintsAsItsValue() {
        CartId id = CartId.newId();

        assertThat(id.toString()).isEqualTo(id.value()).matches("[0-9a-f]{32}");
        assertThatThrownBy(() -> CartId.parse(id.value().toUpperCase()))
                .hasFieldOrPropertyWithValue("code", "unknown-cart");
        assertThatThrownBy(() -> CartId.parse(id.value().substring(1)))
                .hasFieldOrPropertyWithValue("code", "unknown-cart");
    }
}
