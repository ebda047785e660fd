package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;

/** A change was based on a version of the product that is no longer current. */
public class VersionMismatchException extends DomainException {

    private final long current;

    public VersionMismatchException(Sku sku, long expected, long current) {
        super(
                Kind.CONFLICT,
                "version-mismatch",
                "product " + sku + " is at version " + current + ", not " + expected + "; reload and retry");
        this.current = current;
    }

    public long current() {
        return current;
    }
}
