package dev.storefront.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageSizeTest {

    @Test
    void aListingHoldsTwentyEntriesUnlessAskedOtherwise() {
        assertThat(PageSize.ofDefault().value()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void aListingMayHoldOneToAHundredEntries(int size) {
        assertThat(new PageSize(size).value()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 101, Integer.MAX_VALUE})
    void anythingElseIsRefusedWithAStableCode(int size) {
        assertThatThrownBy(() -> new PageSize(size))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-page-size"));
    }
}
