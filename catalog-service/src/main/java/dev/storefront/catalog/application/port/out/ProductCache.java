package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Product;
import dev.storefront.kernel.Sku;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Hot product reads. Cache-aside: an entry is served while fresh; a miss runs {@code loader} (at most one loader per
 * product at a time) and keeps its result, including "no such product" for a short while. Never fails because of the
 * cache: when the cache is down or slow, reads go to {@code loader} directly.
 */
public interface ProductCache {

    Optional<Product> getOrLoad(Sku sku, Supplier<Optional<Product>> loader);

    /**
     * {@link #getOrLoad} without blocking the calling thread: a hit completes at once, or as soon as the cache answers;
     * {@code loader}, which may block, runs on a thread meant for blocking work, never on the caller's.
     */
    CompletionStage<Optional<Product>> getOrLoadAsync(Sku sku, Supplier<Optional<Product>> loader);

    /**
     * Forgets the product, so the next read loads what was just committed, and refuses from then on to keep any copy
     * older than {@code version} (a load that read the old row before the commit and finishes after the eviction
     * cannot write it back).
     *
     * @param version the product's version as committed ({@code 0} when it did not exist before)
     * @return false when the cache could not confirm it (it was unreachable); the caller must try again
     */
    boolean evict(Sku sku, long version);
}
