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
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product cache in Redis: JSON values under {@code catalog:product:v1:<sku>}, TTL plus jitter, a short-lived
 * marker for unknown SKUs, one loader per SKU at a time in this instance, and nothing cached when loading failed.
 * Every Redis failure is counted and turned into "read from Postgres"; a reader never sees an error because of the
 * cache.
 *
 * <p>Eviction deletes the key after the writer's commit and once more a second later: a reader that loaded the old row
 * just before the commit and writes it back just after the first delete is undone by the second.
 */
@Singleton
class ProductRedisCache implements ProductCache {

    private static final Logger LOG = LoggerFactory.getLogger(ProductRedisCache.class);
    private static final String KEY_PREFIX = "catalog:product:v1:";
    private static final String MISSING = "{}";

    private final RedisCacheGateway redis;
    private final JsonMapper json;
    private final ProductCacheSettings settings;
    private final SingleFlight<Sku, Optional<Product>> loads = new SingleFlight<>();
    private final ScheduledExecutorService secondDelete = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cache-evict").daemon().factory());
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Timer loadTime;

    ProductRedisCache(RedisCacheGateway redis, JsonMapper json, ProductCacheSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.settings = settings;
        this.hits = requests(meters, "hit");
        this.misses = requests(meters, "miss");
        this.errors = requests(meters, "error");
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
    public boolean evict(Sku sku) {
        if (!settings.enabled()) {
            return true;
        }
        String key = KEY_PREFIX + sku.value();
        boolean deleted = delete(key);
        secondDelete.schedule(() -> delete(key), 1, TimeUnit.SECONDS);
        return deleted;
    }

    private void put(String key, Optional<Product> product) {
        try {
            if (product.isPresent()) {
                long ttl = settings.ttl().toMillis();
                long jitter = (long)
                        (ttl * settings.jitter() * ThreadLocalRandom.current().nextDouble());
                redis.set(key, json.writeValueAsString(CachedProduct.of(product.get())), ttl + jitter);
            } else {
                redis.set(key, MISSING, settings.negativeTtl().toMillis());
            }
        } catch (IOException | RuntimeException e) {
            errors.increment();
            LOG.debug("Could not cache {}: {}", key, e.getMessage());
        }
    }

    private boolean delete(String key) {
        try {
            redis.delete(key);
            return true;
        } catch (RuntimeException e) {
            errors.increment();
            LOG.warn("Could not evict {} from the product cache: {}", key, e.getMessage());
            return false;
        }
    }

    /** The cached answer, or empty when the entry cannot be read (it is then treated as a miss and replaced). */
    private Optional<Optional<Product>> decode(String cached) {
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

    @PreDestroy
    void close() {
        secondDelete.shutdownNow();
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
