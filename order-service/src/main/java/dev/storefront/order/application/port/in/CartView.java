package dev.storefront.order.application.port.in;

import dev.storefront.kernel.Money;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartLine;
import java.util.List;
import java.util.Optional;

/**
 * A cart as the customer sees it: each line at catalog's current price, flagged when that price differs from the one
 * quoted when the line was set, or when the product is no longer for sale (such lines count nothing in the total).
 */
public record CartView(Cart cart, List<Line> lines, Optional<Money> total) {

    public CartView {
        lines = List.copyOf(lines);
    }

    public record Line(
            CartLine line, String name, Money currentPrice, Money lineTotal, boolean priceChanged, boolean available) {}
}
