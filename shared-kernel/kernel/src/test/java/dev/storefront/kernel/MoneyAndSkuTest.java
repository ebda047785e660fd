package dev.storefront.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyAndSkuTest {

    @Test
    void moneyAddsAndMultipliesInMinorUnits() {
        assertThat(Money.of(1999, "EUR").times(3).plus(Money.of(3, "EUR"))).isEqualTo(Money.of(6000, "EUR"));
    }

    @Test
    void amountsInDifferentCurrenciesDoNotAdd() {
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("currency-mismatch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EURO", "XYZ", ""})
    void aCurrencyIsAnIsoCode(String currency) {
        assertThatThrownBy(() -> Money.of(1, currency))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-currency"));
    }

    @Test
    void anAmountIsNeverNegative() {
        assertThat(Money.of(0, "EUR").amountMinor()).as("zero is an amount").isZero();
        assertThatThrownBy(() -> Money.of(-1, "EUR"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-amount"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SKU-0000001", "ABC", "A1-B2-C3"})
    void upperCaseSkusAreValid(String sku) {
        assertThat(Sku.of(sku).value()).isEqualTo(sku);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "sku-1", "-ABC", "A B C", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void anythingElseIsNotASku(String sku) {
        assertThatThrownBy(() -> Sku.of(sku))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-sku"));
    }
}
