package dev.storefront.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import org.junit.jupiter.api.Test;

class StockTest {

    private static final Sku CHAIR = Sku.of("CHAIR-1");

    private static String codeOf(Runnable action) {
        try {
            action.run();
            return "none";
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void reservingHoldsUnitsWithoutTakingThemOffTheShelf() {
        Stock stock = new Stock(CHAIR, 10, 0).reserve(3);

        assertThat(stock.onHand()).isEqualTo(10);
        assertThat(stock.reserved()).isEqualTo(3);
        assertThat(stock.available()).isEqualTo(7);
    }

    @Test
    void nothingCanBeReservedBeyondWhatIsAvailable() {
        Stock stock = new Stock(CHAIR, 10, 8);

        assertThat(codeOf(() -> stock.reserve(3))).isEqualTo("insufficient-stock");
        assertThat(stock.canReserve(2)).isTrue();
        assertThat(stock.canReserve(3)).isFalse();
    }

    @Test
    void confirmingSellsTheHeldUnits() {
        Stock stock = new Stock(CHAIR, 10, 3).commit(3);

        assertThat(stock.onHand()).isEqualTo(7);
        assertThat(stock.reserved()).isZero();
    }

    @Test
    void releasingGivesHeldUnitsBack() {
        assertThat(new Stock(CHAIR, 10, 3).release(3).available()).isEqualTo(10);
    }

    @Test
    void stockCanNeverGoNegativeOrBelowWhatIsReserved() {
        assertThatThrownBy(() -> new Stock(CHAIR, -1, 0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new Stock(CHAIR, 2, 3)).isInstanceOf(DomainException.class);
        assertThat(codeOf(() -> new Stock(CHAIR, 5, 4).adjust(-2))).isEqualTo("stock-below-reserved");
        assertThat(new Stock(CHAIR, 5, 4).adjust(-1).onHand()).isEqualTo(4);
    }

    @Test
    void quantitiesAreAtLeastOne() {
        assertThat(codeOf(() -> new Stock(CHAIR, 5, 0).reserve(0))).isEqualTo("invalid-quantity");
        assertThat(codeOf(() -> new Stock(CHAIR, 5, 0).reserve(-1))).isEqualTo("invalid-quantity");
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        assertThat(new Stock(CHAIR, 0, 0).available()).isZero();
        assertThat(new Stock(CHAIR, 3, 3).available()).isZero();
        assertThat(new Stock(CHAIR, 0, 0).adjust(Integer.MAX_VALUE).onHand()).isEqualTo(Integer.MAX_VALUE);
        assertThat(codeOf(() -> new Stock(CHAIR, 1, 0).adjust(Integer.MAX_VALUE)))
                .isEqualTo("invalid-stock");
        assertThat(new Stock(CHAIR, 3, 0).canReserve(3)).isTrue();
    }

    @Test
    void noTransitionTakesAZeroOrNegativeQuantity() {
        Stock stock = new Stock(CHAIR, 5, 2);

        assertThat(stock.canReserve(0)).isFalse();
        assertThat(codeOf(() -> stock.release(0))).isEqualTo("invalid-quantity");
        assertThat(codeOf(() -> stock.commit(0))).isEqualTo("invalid-quantity");
        assertThat(codeOf(() -> stock.putBack(0))).isEqualTo("invalid-quantity");
        assertThat(codeOf(() -> stock.release(-1))).isEqualTo("invalid-quantity");
    }
}
