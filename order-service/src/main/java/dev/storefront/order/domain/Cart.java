package dev.storefront.order.domain;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's cart: at most {@value #MAX_LINES} products, each once, 1 to 99 units. Every change returns a new cart
 * with the next {@link #version()}; the store saves it only over the version it was made from, so two concurrent
 * edits can never overwrite each other unseen.
 */
public record Cart(
        CartId id, CustomerId owner, long version, List<CartLine> lines, Instant createdAt, Instant updatedAt) {

    public static final int MAX_LINES = 50;

    public Cart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        lines = List.copyOf(lines);
        if (lines.size() > MAX_LINES) {
            throw DomainException.invalid("too-many-lines", "a cart holds at most " + MAX_LINES + " products");
        }
        if (lines.stream().map(CartLine::sku).distinct().count() != lines.size()) {
            throw DomainException.invalid("duplicate-sku", "each product appears once per cart");
        }
        if (version < 1) {
            throw DomainException.invalid("invalid-version", "a stored cart has version 1 or later");
        }
    }

    public static Cart open(CartId id, CustomerId owner, Instant now) {
        return new Cart(id, owner, 1, List.of(), now, now);
    }

    /** Sets how many units of {@code sku} the cart holds, at the price catalog quotes now. */
    public Cart withQuantity(Sku sku, int quantity, Money quotedPrice, Instant now) {
        CartLine line = new CartLine(sku, quantity, quotedPrice, now);
        List<CartLine> next = new ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (CartLine existing : lines) {
            if (existing.sku().equals(sku)) {
                next.add(line);
                replaced = true;
            } else {
                next.add(existing);
            }
        }
        if (!replaced) {
            next.add(line);
        }
        return new Cart(id, owner, version + 1, next, createdAt, now);
    }

    /** Takes {@code sku} out; a product that is not in the cart is refused as unknown. */
    public Cart without(Sku sku, Instant now) {
        if (line(sku).isEmpty()) {
            throw DomainException.notFound("unknown-cart-line", "the cart holds no " + sku);
        }
        List<CartLine> next = lines.stream().filter(l -> !l.sku().equals(sku)).toList();
        return new Cart(id, owner, version + 1, next, createdAt, now);
    }

    /** The same cart with nothing in it (after checkout). */
    public Cart emptied(Instant now) {
        return new Cart(id, owner, version + 1, List.of(), createdAt, now);
    }

    /** The cart with the prices catalog quotes now, so the customer sees what a checkout would charge. */
    public Cart requoted(java.util.Map<Sku, Money> prices, Instant now) {
        List<CartLine> next = lines.stream()
                .map(l -> new CartLine(l.sku(), l.quantity(), prices.getOrDefault(l.sku(), l.quotedPrice()), l.setAt()))
                .toList();
        return new Cart(id, owner, version + 1, next, createdAt, now);
    }

    public Optional<CartLine> line(Sku sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).findFirst();
    }

    public boolean belongsTo(CustomerId candidate) {
        return owner.equals(candidate);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
