package dev.storefront.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerIdTest {

    @Test
    void aTokenSubjectMadeOfSafeCharactersIsACustomerId() {
        assertThat(CustomerId.of("alice@example.com").value()).isEqualTo("alice@example.com");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" alice", "-alice", "alice bob", "a/b"})
    void anythingElseIsRefusedWithAStableCode(String value) {
        assertThatThrownBy(() -> CustomerId.of(value))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> {
                    DomainException error = (DomainException) e;
                    assertThat(error.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(error.code()).isEqualTo("invalid-customer-id");
                });
    }

    @Test
    void aCustomerIdIsAtMost128Characters() {
        assertThat(CustomerId.of("a".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> CustomerId.of("a".repeat(129))).isInstanceOf(DomainException.class);
    }
}
