package dev.storefront.order.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.order.domain.CartId;
import dev.storefront.order.domain.Order;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checkout: turns a cart into a PENDING order at catalog's current prices. Safe to retry under the same idempotency
 * key: the first request places the order, every repeat of the same request gets that order back, and the same key
 * with a different request is refused.
 */
public interface PlaceOrderUseCase {

    Placement placeOrder(PlaceOrder command);

    /**
     * @param idempotencyKey the client's key for this checkout, unique per customer
     * @param fingerprint a digest of the request as sent, to tell a repeat from a different request under one key
     */
    record PlaceOrder(CustomerId customer, String idempotencyKey, String fingerprint, CartId cart) {

        private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{8,128}");

        public PlaceOrder {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(cart, "cart");
            if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
                throw DomainException.invalid(
                        "invalid-idempotency-key", "Idempotency-Key is 8 to 128 visible ASCII characters");
            }
        }
    }

    /**
     * The order as it was placed (a repeat sees exactly what the first request saw), and whether this was a repeat.
     */
    record Placement(Order order, boolean replayed) {}
}
