package dev.storefront.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.application.port.in.PlaceOrderUseCase.PlaceOrder;
import dev.storefront.order.domain.CartId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What checkout accepts as its settings and as a request. */
class CheckoutSettingsTest {

    @Test
    void anOrderWaitsAPositiveTime() {
        assertThatThrownBy(() -> new CheckoutPolicy(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckoutPolicy(Duration.ofMinutes(-1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CheckoutPolicy(Duration.ofMillis(1), Duration.ofHours(1)).timeToConfirm())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void keysAreKeptAtLeastAsLongAsAnOrderMayWait() {
        assertThatThrownBy(() -> new CheckoutPolicy(
                        Duration.ofMinutes(15), Duration.ofMinutes(15).minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idempotency keys");
        assertThat(new CheckoutPolicy(Duration.ofMinutes(15), Duration.ofMinutes(15)).idempotencyKeyRetention())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anIdempotencyKeyIsEightToOneHundredTwentyEightVisibleAsciiCharacters() {
        for (String key : new String[] {"a".repeat(8), "b".repeat(128), "!~Az09-_"}) {
            assertThat(request(key).idempotencyKey()).isEqualTo(key);
        }
        for (String key : new String[] {null, "a".repeat(7), "a".repeat(129), "with space", "tab\tkey1", "clé-1234"}) {
            assertThatThrownBy(() -> request(key)).hasFieldOrPropertyWithValue("code", "invalid-idempotency-key");
        }
    }

    private static PlaceOrder request(String key) {
        return new PlaceOrder(CustomerId.of("alice"), key, "fingerprint", CartId.newId());
    }
}
