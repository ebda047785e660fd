package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Product;
import dev.storefront.kernel.Sku;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hot product reads. Cache-aside: an entry is served while fresh; a miss runs {@code loader} (at most one loader per
 * product at a time) and keeps its result, including "no such product" for a short while. Never fails because of the
 * cache: when the cache is down or slow, reads go to {@code loader} directly.
 */
public interface ProductCache {

    Optional<Product> getOrLoad(Sku sku, Supplier<Optional<Product>> loader);

    /**
     * Forgets the product, so the next read loads what was just committed.
     *
     * @return false when the cache could not confirm it (it was unreachable); the entry may then live until its TTL
     */
    boolean evict(Sku sku);
}
