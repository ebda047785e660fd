package dev.storefront.order.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Sku;
import dev.storefront.order.domain.CartId;
import java.util.Optional;

/**
 * A customer's carts. Every cart belongs to the customer who opened it; to anyone else it does not exist. Writes may
 * name the version they were made from ({@code expectedVersion}, the ETag): a stale one is refused; without one,
 * concurrent writes are applied one after another, never lost.
 */
public interface ManageCartUseCase {

    CartView open(CustomerId customer);

    CartView view(CustomerId customer, CartId cart);

    CartView setQuantity(CustomerId customer, CartId cart, Sku sku, int quantity, Optional<Long> expectedVersion);

    CartView remove(CustomerId customer, CartId cart, Sku sku, Optional<Long> expectedVersion);

    void discard(CustomerId customer, CartId cart, Optional<Long> expectedVersion);
}
