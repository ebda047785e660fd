package dev.storefront.notification.domain;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import java.util.List;
import java.util.Objects;

/**
 * What this service remembers of an order from its OrderPlaced event, so that later notifications (confirmed,
 * cancelled...) can name the lines and the total although their own events carry only the order id.
 */
public record OrderSummary(String orderId, CustomerId customer, List<Line> lines, Money total) {

    /** One line as the customer placed it. */
    public record Line(String sku, int quantity, Money unitPrice) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
        }

        public Money amount() {
            return unitPrice.times(quantity);
        }
    }

    public OrderSummary {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(total, "total");
        lines = List.copyOf(lines);
    }
}
