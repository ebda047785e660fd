package dev.storefront.order.application;

import dev.storefront.kernel.DomainException;
import dev.storefront.order.application.port.out.Carts;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The cart store in memory, compare-and-set on the version like the real one. A test can make another writer get in
 * just before one of the next writes ({@link #anotherWriterFirst}) or make the store go away ({@link #unavailable}).
 */
final class InMemoryCarts implements Carts {

    private final Map<CartId, Cart> carts = new HashMap<>();
    /** What other writers store just before each of the next writes, one per write. */
    private final Deque<Function<CartId, Cart>> beforeNextWrites = new ArrayDeque<>();

    boolean unavailable;
    int writes;

    /** Another writer changes the stored cart with {@code edit} just before the next write not yet interleaved. */
    void anotherWriterFirst(UnaryOperator<Cart> edit) {
        beforeNextWrites.add(id -> edit.apply(carts.get(id)));
    }

    /** Just before the next write not yet interleaved, {@code cart} is stored under the id written. */
    void storedFirst(Function<CartId, Cart> cart) {
        beforeNextWrites.add(cart);
    }

    /** Puts {@code cart} in the store as if it had been saved earlier. */
    Cart stored(Cart cart) {
        carts.put(cart.id(), cart);
        return cart;
    }

    Optional<Cart> current(CartId id) {
        return Optional.ofNullable(carts.get(id));
    }

    @Override
    public Optional<Cart> find(CartId id) {
        requireAvailable();
        return current(id);
    }

    @Override
    public boolean save(Cart cart, long expectedVersion) {
        requireAvailable();
        interleave(cart.id());
        writes++;
        if (storedVersion(cart.id()) != expectedVersion) {
            return false;
        }
        carts.put(cart.id(), cart);
        return true;
    }

    @Override
    public boolean delete(CartId id, long expectedVersion) {
        requireAvailable();
        interleave(id);
        writes++;
        if (!carts.containsKey(id) || storedVersion(id) != expectedVersion) {
            return false;
        }
        carts.remove(id);
        return true;
    }

    private void interleave(CartId id) {
        Function<CartId, Cart> other = beforeNextWrites.poll();
        if (other != null) {
            carts.put(id, other.apply(id));
        }
    }

    private long storedVersion(CartId id) {
        Cart stored = carts.get(id);
        return stored == null ? 0 : stored.version();
    }

    private void requireAvailable() {
        if (unavailable) {
            throw DomainException.unavailable("cart-store-unavailable", "the cart store is away");
        }
    }
}
