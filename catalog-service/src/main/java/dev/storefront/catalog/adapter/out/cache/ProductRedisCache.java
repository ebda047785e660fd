package dev.storefront.catalog.adapter.out.cache;

import dev.storefront.catalog.application.port.out.ProductCache;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.SingleFlight;
import dev.storefront.kernel.Sku;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product cache in Redis: JSON values under {@code catalog:product:v1:<sku>}, TTL plus jitter, a short-lived
 * marker for unknown SKUs, one loader per SKU at a time in this instance, and nothing cached when loading failed.
 * Every Redis failure is counted and turned into "read from Postgres"; a reader never sees an error because of the
 * cache.
 *
 * <p>Entries cannot go stale through a race: eviction replaces the entry with a tombstone that carries the committed
 * version ({@code ~<version>}, kept for {@code tombstone-ttl}), and a loader writes its result back only over nothing
 * or over a tombstone no newer than what it read, in one Lua script. A reader that loaded the old row just before the
 * commit and finishes after the eviction, however slowly, cannot write it back; the first load of the new version
 * replaces the tombstone.
 */
@Singleton
class ProductRedisCache implements ProductCache {

    private static final Logger LOG = LoggerFactory.getLogger(ProductRedisCache.class);
    private static final String KEY_PREFIX = "catalog:product:v1:";
    private static final String MISSING = "{}";
    private static final String TOMBSTONE_PREFIX = "~";
    /** The version a "no such product" answer was read at: older than any product. */
    private static final long NO_VERSION = -1;

    private final RedisCacheGateway redis;
    private final ProductNearCache near;
    private final ExecutorService blocking;
    private final JsonMapper json;
    private final ProductCacheSettings settings;
    private final SingleFlight<Sku, Optional<Product>> loads;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter outdated;
    private final Timer loadTime;
    /** Bounds the reads on their way to Postgres (Resilience4j): past it a read is refused at once, not queued. */
    private final Bulkhead loadsInFlight;

    private final Counter refused;

    ProductRedisCache(
            RedisCacheGateway redis,
            ProductNearCache near,
            JsonMapper json,
            ProductCacheSettings settings,
            MeterRegistry meters,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.redis = redis;
        this.near = near;
        this.blocking = blocking;
        this.json = json;
        this.settings = settings;
        this.loads = new SingleFlight<>(settings.loadWait());
        this.hits = requests(meters, "hit");
        this.misses = requests(meters, "miss");
        this.errors = requests(meters, "error");
        this.outdated = Counter.builder("storefront.cache.writes.refused")
                .description("Loaded products not cached because the cache knew a newer version")
                .tag("cache", "product")
                .register(meters);
        this.loadsInFlight = Bulkhead.of(
                "product-loads",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxConcurrentLoads())
                        .maxWaitDuration(Duration.ZERO)
                        .writableStackTraceEnabled(false)
                        .build());
        Gauge.builder(
                        "storefront.catalog.reads.loading",
                        loadsInFlight,
                        b -> b.getBulkheadConfig().getMaxConcurrentCalls()
                                - b.getMetrics().getAvailableConcurrentCalls())
                .description("Product reads of this instance on their way to Postgres now (max-concurrent-loads)")
                .register(meters);
        this.refused = Counter.builder("storefront.catalog.reads.refused")
                .description("Product reads answered 503 catalog-busy because max-concurrent-loads were under way")
                .register(meters);
        this.loadTime = Timer.builder("storefront.cache.loads")
                .description("Time to load a product from Postgres on a cache miss")
                .tag("cache", "product")
                .register(meters);
    }

    private static Counter requests(MeterRegistry meters, String result) {
        return Counter.builder("storefront.cache.requests")
                .description("Product cache lookups by result")
                .tag("cache", "product")
                .tag("result", result)
                .register(meters);
    }

    @Override
    public Optional<Product> getOrLoad(Sku sku, Supplier<Optional<Product>> loader) {
        if (!settings.enabled()) {
            return loader.get();
        }
        Optional<Product> copy = near.get(sku);
        if (copy != null) {
            hits.increment();
            return copy;
        }
        long epoch = near.epoch();
        String key = KEY_PREFIX + sku.value();
        String cached;
        try {
            cached = redis.get(key);
        } catch (RuntimeException e) {
            return load(sku, key, loader, unavailable(e), epoch);
        }
        Optional<Optional<Product>> found = found(sku, cached, epoch);
        return found.isPresent() ? found.get() : load(sku, key, loader, true, epoch);
    }

    /**
     * The read path of {@code GET /api/v1/products/{sku}}: this instance's copy at once; else Redis' answer, on the
     * thread Lettuce completes it on; only a miss (or a Redis failure) moves to the blocking pool, to load from Postgres.
     */
    @Override
    public CompletableFuture<Optional<Product>> getOrLoadAsync(Sku sku, Supplier<Optional<Product>> loader) {
        if (!settings.enabled()) {
            return onBlockingPool(loader);
        }
        Optional<Product> copy = near.get(sku);
        if (copy != null) {
            hits.increment();
            return CompletableFuture.completedFuture(copy);
        }
        long epoch = near.epoch();
        String key = KEY_PREFIX + sku.value();
        CompletableFuture<String> reply;
        try {
            reply = redis.getAsync(key);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((cached, error) -> {
                    if (error != null) {
                        boolean store = unavailable(error);
                        return onBlockingPool(() -> load(sku, key, loader, store, epoch));
                    }
                    if (cached == RedisCacheGateway.NOT_CONNECTED) {
                        return onBlockingPool(() -> getOrLoad(sku, loader));
                    }
                    Optional<Optional<Product>> found = found(sku, cached, epoch);
                    return found.isPresent()
                            ? CompletableFuture.completedFuture(found.get())
                            : onBlockingPool(() -> load(sku, key, loader, true, epoch));
                })
                .thenCompose(next -> next);
    }

    /**
     * Runs a read that may reach Postgres on the blocking pool, unless {@code max-concurrent-loads} are under way: then
     * it fails at once with 503 catalog-busy. Without the bound, arrivals past what Postgres serves each took a thread
     * that queued for a pooled connection; under an overload the queue grew by thousands a second, every read in it
     * waited past its client's patience, and the instance served nothing for minutes after the overload ended.
     */
    private <T> CompletableFuture<T> onBlockingPool(Supplier<T> read) {
        if (!loadsInFlight.tryAcquirePermission()) {
            refused.increment();
            return CompletableFuture.failedFuture(DomainException.unavailable(
                    "catalog-busy", "too many product reads are waiting for the database; try again"));
        }
        try {
            return CompletableFuture.supplyAsync(read, blocking)
                    .whenComplete((result, error) -> loadsInFlight.onComplete());
        } catch (RuntimeException e) {
            loadsInFlight.onComplete();
            throw e;
        }
    }

    /** Counts a failed read; false, since a write-back after a failure would only add another wait. */
    private boolean unavailable(Throwable e) {
        errors.increment();
        LOG.debug("Product cache unavailable, reading Postgres: {}", e.getMessage());
        return false;
    }

    /** What Redis held, decoded and counted, and offered to the near cache; empty for a miss. */
    private Optional<Optional<Product>> found(Sku sku, String cached, long epoch) {
        Optional<Optional<Product>> decoded = cached == null ? Optional.empty() : decode(cached);
        if (decoded.isEmpty()) {
            misses.increment();
            return decoded;
        }
        hits.increment();
        Optional<Product> product = decoded.get();
        near.offer(sku, product, product.map(Product::version).orElse(NO_VERSION), epoch);
        return decoded;
    }

    private Optional<Product> load(Sku sku, String key, Supplier<Optional<Product>> loader, boolean store, long epoch) {
        return loads.load(sku, () -> {
            Optional<Product> loaded = loadTime.record(loader);
            if (store && put(key, loaded)) {
                near.offer(sku, loaded, loaded.map(Product::version).orElse(NO_VERSION), epoch);
            }
            return loaded;
        });
    }

    @Override
    public boolean evict(Sku sku, long version) {
        if (!settings.enabled()) {
            return true;
        }
        // This instance forgets its copy at once; the others when the script's invalidation reaches them.
        near.invalidate(sku, version);
        String key = KEY_PREFIX + sku.value();
        try {
            redis.tombstone(key, sku.value(), version, settings.tombstoneTtl().toMillis());
            return true;
        } catch (RuntimeException e) {
            errors.increment();
            LOG.warn("Could not evict {} from the product cache: {}", key, e.getMessage());
            return false;
        }
    }

    /** Writes the loaded result back unless Redis knows a newer version; true when it was written. */
    private boolean put(String key, Optional<Product> product) {
        try {
            boolean stored;
            if (product.isPresent()) {
                long ttl = settings.ttl().toMillis();
                long jitter = (long)
                        (ttl * settings.jitter() * ThreadLocalRandom.current().nextDouble());
                stored = redis.putUnlessOutdated(
                        key,
                        json.writeValueAsString(CachedProduct.of(product.get())),
                        product.get().version(),
                        ttl + jitter);
            } else {
                stored = redis.putUnlessOutdated(
                        key, MISSING, NO_VERSION, settings.negativeTtl().toMillis());
            }
            if (!stored) {
                outdated.increment();
            }
            return stored;
        } catch (IOException | RuntimeException e) {
            errors.increment();
            LOG.debug("Could not cache {}: {}", key, e.getMessage());
            return false;
        }
    }

    /** The cached answer, or empty for a tombstone or an entry that cannot be read (a miss either way). */
    private Optional<Optional<Product>> decode(String cached) {
        if (cached.startsWith(TOMBSTONE_PREFIX)) {
            return Optional.empty();
        }
        if (MISSING.equals(cached)) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(
                    Optional.of(json.readValue(cached, CachedProduct.class).toDomain()));
        } catch (IOException | RuntimeException e) {
            errors.increment();
            return Optional.empty();
        }
    }

    /** The cached form of a product. */
    @Serdeable
    record CachedProduct(
            String sku,
            String name,
            String description,
            String category,
            long priceMinor,
            String currency,
            boolean active,
            long version) {

        static CachedProduct of(Product product) {
            ProductDetails d = product.details();
            return new CachedProduct(
                    product.sku().value(),
                    d.name(),
                    d.description(),
                    d.category(),
                    product.price().amountMinor(),
                    product.price().currency(),
                    d.active(),
                    product.version());
        }

        Product toDomain() {
            return new Product(
                    Sku.of(sku),
                    new ProductDetails(name, description, category, active),
                    Money.of(priceMinor, currency),
                    version);
        }
    }
}
