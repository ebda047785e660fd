package dev.storefront.catalog.adapter.out.cache;

import dev.storefront.catalog.application.port.out.ProductCache;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.SingleFlight;
import dev.storefront.kernel.Sku;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
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
    private final JsonMapper json;
    private final ProductCacheSettings settings;
    private final SingleFlight<Sku, Optional<Product>> loads;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter outdated;
    private final Timer loadTime;

    ProductRedisCache(RedisCacheGateway redis, JsonMapper json, ProductCacheSettings settings, MeterRegistry meters) {
        this.redis = redis;
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
        String key = KEY_PREFIX + sku.value();
        boolean redisUp = true;
        try {
            String cached = redis.get(key);
            Optional<Optional<Product>> decoded = cached == null ? Optional.empty() : decode(cached);
            if (decoded.isPresent()) {
                hits.increment();
                return decoded.get();
            }
            misses.increment();
        } catch (RuntimeException e) {
            errors.increment();
            redisUp = false;
            LOG.debug("Product cache unavailable, reading Postgres: {}", e.getMessage());
        }
        boolean store = redisUp;
        return loads.load(sku, () -> {
            Optional<Product> loaded = loadTime.record(loader);
            if (store) {
                put(key, loaded);
            }
            return loaded;
        });
    }

    @Override
    public boolean evict(Sku sku, long version) {
        if (!settings.enabled()) {
            return true;
        }
        String key = KEY_PREFIX + sku.value();
        try {
            redis.tombstone(key, version, settings.tombstoneTtl().toMillis());
            return true;
        } catch (RuntimeException e) {
            errors.increment();
            LOG.warn("Could not evict {} from the product cache: {}", key, e.getMessage());
            return false;
        }
    }

    private void put(String key, Optional<Product> product) {
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
        } catch (IOException | RuntimeException e) {
            errors.increment();
            LOG.debug("Could not cache {}: {}", key, e.getMessage());
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
