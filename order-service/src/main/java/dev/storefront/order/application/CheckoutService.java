package dev.storefront.order.application;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.PlaceOrderUseCase;
import dev.storefront.order.application.port.out.Carts;
import dev.storefront.order.application.port.out.CatalogProduct;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.application.port.out.ProductCatalog;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartLine;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderLine;
import dev.storefront.order.domain.Transition;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkout. A known idempotency key is answered from what it placed before anything else is looked at. Otherwise the
 * cart is priced by catalog now (never from the cart's own copy): a product no longer for sale, or a price that moved
 * since the customer saw it, stops the checkout with a problem naming the lines, and the cart is re-quoted so the
 * customer sees the new prices before checking out again. The order, its key and {@code OrderPlaced} then commit in
 * one transaction ({@link CheckoutTransaction}); only after that is the cart emptied.
 */
@Singleton
public class CheckoutService implements PlaceOrderUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

    private final Carts carts;
    private final ProductCatalog catalog;
    private final IdempotencyKeys keys;
    private final Orders orders;
    private final CheckoutTransaction transaction;
    private final CheckoutPolicy policy;
    private final Clock clock;

    public CheckoutService(
            Carts carts,
            ProductCatalog catalog,
            IdempotencyKeys keys,
            Orders orders,
            CheckoutTransaction transaction,
            CheckoutPolicy policy,
            Clock clock) {
        this.carts = carts;
        this.catalog = catalog;
        this.keys = keys;
        this.orders = orders;
        this.transaction = transaction;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Placement placeOrder(PlaceOrder command) {
        Optional<IdempotencyKeys.Claimed> earlier = keys.find(command.customer(), command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(command, earlier.get());
        }
        Cart cart;
        List<OrderLine> lines;
        try {
            cart = carts.find(command.cart())
                    .filter(c -> c.belongsTo(command.customer()))
                    .orElseThrow(() -> DomainException.notFound("unknown-cart", "no such cart"));
            if (cart.isEmpty()) {
                throw DomainException.conflict("empty-cart", "the cart is empty");
            }
            lines = priceNow(cart);
        } catch (DomainException refused) {
            // A concurrent request with the same key may have placed the order (and emptied the cart) since the key
            // was looked up: then this request is its repeat, not a checkout of an empty cart.
            Optional<IdempotencyKeys.Claimed> placedMeanwhile = keys.find(command.customer(), command.idempotencyKey());
            if (placedMeanwhile.isPresent()) {
                return replay(command, placedMeanwhile.get());
            }
            throw refused;
        }
        Instant now = clock.instant();
        Transition placed = Order.place(OrderId.newId(), command.customer(), lines, now, policy.timeToConfirm());
        Optional<IdempotencyKeys.Claimed> concurrent =
                transaction.record(command, placed, now, now.plus(policy.idempotencyKeyRetention()));
        if (concurrent.isPresent()) {
            // A concurrent request with the same key committed first: this one is its repeat.
            return replay(command, concurrent.get());
        }
        emptyAfterCheckout(cart);
        return new Placement(placed.order(), false);
    }

    private List<OrderLine> priceNow(Cart cart) {
        Set<Sku> skus = cart.lines().stream().map(CartLine::sku).collect(Collectors.toSet());
        Map<Sku, CatalogProduct> products = catalog.products(skus);
        List<String> unavailable = cart.lines().stream()
                .map(CartLine::sku)
                .filter(sku -> products.get(sku) == null || !products.get(sku).active())
                .map(Sku::value)
                .toList();
        if (!unavailable.isEmpty()) {
            throw DomainException.conflict(
                    "product-unavailable", "no longer for sale: " + String.join(", ", unavailable));
        }
        Map<Sku, Money> moved = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        for (CartLine line : cart.lines()) {
            Money now = products.get(line.sku()).price();
            if (!now.equals(line.quotedPrice())) {
                moved.put(line.sku(), now);
                report.append(report.isEmpty() ? "" : "; ")
                        .append(line.sku())
                        .append(' ')
                        .append(line.quotedPrice().amountMinor())
                        .append(" -> ")
                        .append(now.amountMinor())
                        .append(' ')
                        .append(now.currency());
            }
        }
        if (!moved.isEmpty()) {
            requote(cart, moved);
            throw DomainException.conflict(
                    "price-changed",
                    "prices changed since they were added to the cart (" + report
                            + "); the cart shows the new prices, check out again to accept them");
        }
        return cart.lines().stream()
                .map(line -> new OrderLine(
                        line.sku(), line.quantity(), products.get(line.sku()).price()))
                .toList();
    }

    private void requote(Cart cart, Map<Sku, Money> prices) {
        if (!carts.save(cart.requoted(prices, clock.instant()), cart.version())) {
            LOG.debug("Cart {} changed while it was re-quoted; the next read prices it afresh", cart.id());
        }
    }

    private Placement replay(PlaceOrder command, IdempotencyKeys.Claimed claimed) {
        if (!claimed.fingerprint().equals(command.fingerprint())) {
            throw DomainException.unprocessable(
                    "idempotency-key-reused", "this Idempotency-Key was used for a different request");
        }
        Order order = orders.find(claimed.order())
                .orElseThrow(() -> new IllegalStateException("idempotency key names missing order " + claimed.order()));
        return new Placement(order.asPlaced(), true);
    }

    /**
     * The order is committed; emptying the cart is a courtesy that may fail (Redis away, or the customer changed the
     * cart meanwhile) without touching the order. The cart then keeps its lines until its time to live ends.
     */
    private void emptyAfterCheckout(Cart cart) {
        try {
            if (!carts.save(cart.emptied(clock.instant()), cart.version())) {
                LOG.info("Cart {} changed during checkout and keeps its lines", cart.id());
            }
        } catch (DomainException e) {
            LOG.warn("Cart {} could not be emptied after checkout: {}", cart.id(), e.getMessage());
        }
    }
}
