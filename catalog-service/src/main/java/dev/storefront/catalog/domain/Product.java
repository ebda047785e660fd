package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.util.List;
import java.util.Objects;

/**
 * Something the storefront sells. Immutable: every change returns the next version, and the version is what
 * optimistic concurrency (If-Match) and event consumers compare.
 */
public record Product(Sku sku, ProductDetails details, Money price, long version) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(price, "price");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
    }

    /** A change: the product after it, and the events it announces, in order. */
    public record Change(Product product, List<ProductEvent> events) {
        public Change {
            events = List.copyOf(events);
        }
    }

    /** A new product, at version 1. */
    public static Change introduce(Sku sku, ProductDetails details, Money price) {
        Product product = new Product(sku, details, price, 1);
        return new Change(product, List.of(new ProductEvent.Changed(product)));
    }

    /** The same product with new details, one version on. */
    public Change revise(ProductDetails newDetails) {
        Product revised = new Product(sku, newDetails, price, version + 1);
        return new Change(revised, List.of(new ProductEvent.Changed(revised)));
    }

    /** The same product at a new price, one version on: the price change, then the new state. */
    public Change reprice(Money newPrice) {
        if (newPrice.equals(price)) {
            throw DomainException.conflict("price-unchanged", "the product already costs " + price.amountMinor());
        }
        Product repriced = new Product(sku, details, newPrice, version + 1);
        return new Change(
                repriced, List.of(new ProductEvent.PriceChanged(repriced, price), new ProductEvent.Changed(repriced)));
    }

    /** Refuses a change made against another version than this one (a lost update otherwise). */
    public void requireVersion(long expected) {
        if (expected != version) {
            throw new VersionMismatchException(sku, expected, version);
        }
    }
}
