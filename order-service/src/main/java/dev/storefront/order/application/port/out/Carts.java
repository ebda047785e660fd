package dev.storefront.order.application.port.out;

import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartId;
import java.util.Optional;

/**
 * Where carts live (session data: short-lived, expiring when left alone). Writes are compare-and-set on the cart's
 * version, so a write made from an outdated copy fails instead of overwriting a newer one. When the store is away,
 * every method throws {@code DomainException} of kind UNAVAILABLE within a bounded time.
 */
public interface Carts {

    Optional<Cart> find(CartId id);

    /**
     * Stores {@code cart} if the stored version is still {@code expectedVersion} (0: the cart must not exist yet), and
     * restarts its time to live.
     *
     * @return false if another write came first
     */
    boolean save(Cart cart, long expectedVersion);

    /** Deletes the cart if the stored version is still {@code expectedVersion}; false if another write came first. */
    boolean delete(CartId id, long expectedVersion);
}
