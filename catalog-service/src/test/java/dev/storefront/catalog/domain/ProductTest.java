package dev.storefront.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static Product chair() {
        return Product.introduce(
                        Sku.of("CHAIR-1"),
                        new ProductDetails("Oak chair", "Sturdy", "furniture", true),
                        Money.of(4999, "EUR"))
                .product();
    }

    @Test
    void everyChangeMovesTheProductOneVersionOn() {
        Product chair = chair();

        Product revised = chair.revise(new ProductDetails("Oak chair II", "", "furniture", true))
                .product();
        Product repriced = revised.reprice(Money.of(3999, "EUR")).product();

        assertThat(chair.version()).isEqualTo(1);
        assertThat(revised.version()).isEqualTo(2);
        assertThat(repriced.version()).isEqualTo(3);
        assertThat(repriced.details().name()).isEqualTo("Oak chair II");
    }

    @Test
    void eachChangeAnnouncesTheNewStateAndARepriceAlsoThePriceMove() {
        Product.Change introduced = Product.introduce(
                Sku.of("CHAIR-2"), new ProductDetails("Pine chair", "", "furniture", true), Money.of(2999, "EUR"));
        Product.Change revised =
                introduced.product().revise(new ProductDetails("Pine chair", "Light", "furniture", false));
        Product.Change repriced = revised.product().reprice(Money.of(2499, "EUR"));

        assertThat(introduced.events()).containsExactly(new ProductEvent.Changed(introduced.product()));
        assertThat(revised.events()).containsExactly(new ProductEvent.Changed(revised.product()));
        assertThat(repriced.events())
                .containsExactly(
                        new ProductEvent.PriceChanged(repriced.product(), Money.of(2999, "EUR")),
                        new ProductEvent.Changed(repriced.product()));
    }

    @Test
    void aChangeBasedOnAnOldVersionIsRefused() {
        Product revised = chair().revise(new ProductDetails("Oak chair II", "", "furniture", true))
                .product();

        assertThatThrownBy(() -> revised.requireVersion(1))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
                    assertThat(e.code()).isEqualTo("version-mismatch");
                    assertThat(e.current()).isEqualTo(2);
                });
    }

    @Test
    void detailsAcceptTheirLimitsExactlyAndTrim() {
        ProductDetails longest =
                new ProductDetails(" " + "n".repeat(200) + " ", "d".repeat(2000) + "  ", "furniture", false);

        assertThat(longest.name()).hasSize(200);
        assertThat(longest.description()).hasSize(2000);
        assertThat(longest.active()).isFalse();
        assertThatThrownBy(() -> new ProductDetails("n".repeat(201), "", "furniture", true))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-product-name"));
        assertThat(new ProductDetails("Chair", null, "furniture", true).description())
                .isEmpty();
    }

    @Test
    void detailsAreValidated() {
        assertThatThrownBy(() -> new ProductDetails(" ", "", "furniture", true))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-product-name"));
        assertThatThrownBy(() -> new ProductDetails("Chair", "x".repeat(2001), "furniture", true))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-description"));
        assertThatThrownBy(() -> new ProductDetails("Chair", "", "Not A Slug", true))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-category-slug"));
    }

    @Test
    void repricingToTheSamePriceIsAConflict() {
        assertThatThrownBy(() -> chair().reprice(Money.of(4999, "EUR")))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("price-unchanged"));
    }
}
