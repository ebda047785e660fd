package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
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

    /** A new product, at version 1. */
    public static Product introduce(Sku sku, ProductDetails details, Money price) {
        return new Product(sku, details, price, 1);
    }

    /** The same product with new details, one version on. */
    public Product revise(ProductDetails newDetails) {
        return new Product(sku, newDetails, price, version + 1);
    }

    /** The same product at a new price, one version on. */
    public Product reprice(Money newPrice) {
        if (newPrice.equals(price)) {
            throw DomainException.conflict("price-unchanged", "the product already costs " + price.amountMinor());
        }
        return new Product(sku, details, newPrice, version + 1);
    }

    /** Refuses a change made against another version than this one (a lost update otherwise). */
    public void requireVersion(long expected) {
        if (expected != version) {
            throw new VersionMismatchException(sku, expected, version);
        }
    }
}
