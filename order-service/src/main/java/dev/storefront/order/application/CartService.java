package dev.storefront.order.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.CartView;
import dev.storefront.order.application.port.in.ManageCartUseCase;
import dev.storefront.order.application.port.out.Carts;
import dev.storefront.order.application.port.out.CatalogProduct;
import dev.storefront.order.application.port.out.ProductCatalog;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartId;
import dev.storefront.order.domain.CartLine;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Carts: read, change in the domain, write back only over the version read. A write that names its version (If-Match)
 * gets one try and a stale version is refused; a write that names none is re-applied to the newer cart, a few times,
 * and refused as a conflict if the cart keeps changing under it. Either way no update is ever silently lost.
 */
@Singleton
public class CartService implements ManageCartUseCase {

    static final int ATTEMPTS_WITHOUT_IF_MATCH = 5;

    private final Carts carts;
    private final ProductCatalog catalog;
    private final Clock clock;

    public CartService(Carts carts, ProductCatalog catalog, Clock clock) {
        this.carts = carts;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public CartView open(CustomerId customer) {
        Cart cart = Cart.open(CartId.newId(), customer, clock.instant());
        if (!carts.save(cart, 0)) {
            // 128 random bits collided with a live cart: not worth a retry path of its own.
            throw new IllegalStateException("cart id collision");
        }
        return viewOf(cart);
    }

    @Override
    public CartView view(CustomerId customer, CartId id) {
        return viewOf(load(customer, id));
    }

    @Override
    public CartView setQuantity(CustomerId customer, CartId id, Sku sku, int quantity, Optional<Long> expectedVersion) {
        // Bounds first: a bad quantity is refused without asking catalog anything.
        if (quantity < CartLine.MIN_QUANTITY || quantity > CartLine.MAX_QUANTITY) {
            throw DomainException.invalid(
                    "invalid-quantity",
                    "a quantity is " + CartLine.MIN_QUANTITY + " to " + CartLine.MAX_QUANTITY + " units");
        }
        CatalogProduct product = catalog.products(Set.of(sku)).get(sku);
        if (product == null) {
            throw DomainException.notFound("unknown-product", "no product with sku " + sku);
        }
        if (!product.active()) {
            throw DomainException.conflict("product-unavailable", sku + " is not for sale");
        }
        return viewOf(change(
                customer,
                id,
                expectedVersion,
                cart -> cart.withQuantity(sku, quantity, product.price(), clock.instant())));
    }

    @Override
    public CartView remove(CustomerId customer, CartId id, Sku sku, Optional<Long> expectedVersion) {
        return viewOf(change(customer, id, expectedVersion, cart -> cart.without(sku, clock.instant())));
    }

    @Override
    public void discard(CustomerId customer, CartId id, Optional<Long> expectedVersion) {
        Cart cart = load(customer, id);
        requireVersion(cart, expectedVersion);
        if (!carts.delete(id, cart.version())) {
            throw expectedVersion.isPresent()
                    ? stale()
                    : DomainException.conflict("cart-conflict", "the cart changed meanwhile; read it and try again");
        }
    }

    /** Applies {@code edit} to the stored cart and writes it back over the version it was made from. */
    private Cart change(CustomerId customer, CartId id, Optional<Long> expectedVersion, UnaryOperator<Cart> edit) {
        int attempts = expectedVersion.isPresent() ? 1 : ATTEMPTS_WITHOUT_IF_MATCH;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Cart current = load(customer, id);
            requireVersion(current, expectedVersion);
            Cart next = edit.apply(current);
            if (carts.save(next, current.version())) {
                return next;
            }
        }
        if (expectedVersion.isPresent()) {
            throw stale();
        }
        throw DomainException.conflict("cart-conflict", "the cart kept changing during this update; try again");
    }

    private Cart load(CustomerId customer, CartId id) {
        return carts.find(id)
                .filter(cart -> cart.belongsTo(customer))
                .orElseThrow(() -> DomainException.notFound("unknown-cart", "no such cart"));
    }

    private static void requireVersion(Cart cart, Optional<Long> expected) {
        if (expected.isPresent() && expected.get() != cart.version()) {
            throw stale();
        }
    }

    private static DomainException stale() {
        return DomainException.preconditionFailed(
                "stale-cart-version", "the cart changed since that version; read it again");
    }

    private CartView viewOf(Cart cart) {
        if (cart.isEmpty()) {
            return new CartView(cart, List.of(), Optional.empty());
        }
        Set<Sku> skus = cart.lines().stream().map(CartLine::sku).collect(Collectors.toSet());
        Map<Sku, CatalogProduct> products = catalog.products(skus);
        List<CartView.Line> lines = new ArrayList<>();
        Money total = null;
        for (CartLine line : cart.lines()) {
            CatalogProduct product = products.get(line.sku());
            boolean available = product != null && product.active();
            Money current = product == null ? line.quotedPrice() : product.price();
            Money lineTotal = current.times(line.quantity());
            lines.add(new CartView.Line(
                    line,
                    product == null ? line.sku().value() : product.name(),
                    current,
                    lineTotal,
                    !current.equals(line.quotedPrice()),
                    available));
            if (available) {
                total = total == null ? lineTotal : total.plus(lineTotal);
            }
        }
        return new CartView(cart, lines, Optional.ofNullable(total));
    }
}
