package dev.storefront.catalog.application.port.in;

import dev.storefront.kernel.Sku;

/**
 * A product changed (announced on catalog.product.v1, possibly by another instance): the cached copy is out of date.
 */
public interface ForgetCachedProductUseCase {

    /**
     * Drops the cached copy and any copy older than {@code version}; throws {@link CacheUnreachableException} if the drop could not be confirmed, so the
     * announcement is handled again.
     */
    void productChanged(Sku sku, long version);

    /** The cache could not confirm that a copy is gone. */
    final class CacheUnreachableException extends RuntimeException {
        public CacheUnreachableException(Sku sku) {
            super("product cache unreachable; eviction of " + sku.value() + " retried");
        }
    }
}
