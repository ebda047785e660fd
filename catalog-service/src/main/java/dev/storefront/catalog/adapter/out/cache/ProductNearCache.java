package dev.storefront.catalog.adapter.out.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.storefront.catalog.domain.Product;
import dev.storefront.kernel.Sku;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each instance's own copy of recently read products, in front of Redis (Caffeine, {@code near-ttl} after the write,
 * at most {@code near-max-entries}). It is kept coherent across instances by the invalidations every eviction publishes
 * through Redis ({@link ProductInvalidations}), with the same version rule as Redis itself: an invalidation leaves a
 * marker of the committed version, and a copy older than a marker is never stored. So a copy read from Redis just
 * before an eviction and offered just after its invalidation arrived cannot come back.
 *
 * <p>Pub/sub delivers at most once. The copies are served only while this instance is subscribed: when the
 * subscription's connection drops, every copy is dropped and none is kept until the subscription is back, since
 * invalidations sent meanwhile are lost. A message lost without the connection noticing (a frozen Redis) leaves a copy
 * until its {@code near-ttl}: that is the bound on staleness in the worst case (docs/adr/0014, amendment of
 * 2026-12-01).
 */
@Singleton
class ProductNearCache {

    /** A product (or "no such product") read at {@code version}, or an invalidation marker of a committed version. */
    private record Copy(Optional<Product> product, long version, boolean invalidated) {}

    private final boolean enabled;
    private final long livenessNanos;
    private final Cache<Sku, Copy> copies;
    /**
     * When (System.nanoTime) the newest heartbeat this instance heard from itself was published. Everything Redis ran
     * before that publish has reached this instance: one connection delivers in the order Redis ran the commands.
     */
    private final AtomicLong heardUpTo = new AtomicLong(System.nanoTime());

    private final AtomicBoolean subscribed = new AtomicBoolean();
    /** Changes whenever the subscription starts or ends: a copy read under another epoch may have missed invalidations. */
    private final AtomicLong epoch = new AtomicLong();

    private final Counter hits;
    private final Counter misses;
    private final Counter invalidations;
    private final Counter subscriptions;
    private final Counter lapses;
    private final AtomicBoolean lapsed = new AtomicBoolean();

    ProductNearCache(ProductCacheSettings settings, MeterRegistry meters) {
        this.enabled = settings.enabled() && settings.nearEnabled();
        this.livenessNanos = settings.nearLiveness().toNanos();
        this.copies = Caffeine.newBuilder()
                .expireAfterWrite(settings.nearTtl())
                .maximumSize(settings.nearMaxEntries())
                .build();
        this.hits = requests(meters, "hit");
        this.misses = requests(meters, "miss");
        this.invalidations = Counter.builder("storefront.cache.near.invalidations")
                .description("Invalidations of this instance's product copies received through Redis pub/sub")
                .tag("cache", "product")
                .register(meters);
        this.subscriptions = Counter.builder("storefront.cache.near.subscriptions")
                .description(
                        "Times this instance subscribed to invalidations (again), each time starting from no copies")
                .tag("cache", "product")
                .register(meters);
        this.lapses = Counter.builder("storefront.cache.near.lapses")
                .description(
                        "Times this instance heard no heartbeat within near-liveness and stopped serving its copies")
                .tag("cache", "product")
                .register(meters);
        Gauge.builder("storefront.cache.near.coherent", this, near -> near.serving() ? 1 : 0)
                .description("1 while this instance receives invalidations and serves its own product copies")
                .tag("cache", "product")
                .register(meters);
    }

    private static Counter requests(MeterRegistry meters, String result) {
        return Counter.builder("storefront.cache.near.requests")
                .description("Lookups in this instance's product copies by result")
                .tag("cache", "product")
                .tag("result", result)
                .register(meters);
    }

    /** The copy of {@code sku} (which may say "no such product"), or null when this instance holds none. */
    Optional<Product> get(Sku sku) {
        if (!serving()) {
            return null;
        }
        Copy copy = copies.getIfPresent(sku);
        if (copy == null || copy.invalidated()) {
            misses.increment();
            return null;
        }
        hits.increment();
        return copy.product();
    }

    /** The current epoch; take it before reading what will be {@link #offer offered}. */
    long epoch() {
        return epoch.get();
    }

    /**
     * Keeps {@code product}, read at {@code version} in {@code readEpoch}, unless an invalidation of a newer version came
     * first or the subscription dropped or came back since the read.
     */
    void offer(Sku sku, Optional<Product> product, long version, long readEpoch) {
        if (!serving() || readEpoch != epoch.get()) {
            return;
        }
        copies.asMap()
                .compute(
                        sku,
                        (key, current) -> current != null && current.invalidated() && current.version() > version
                                ? current
                                : new Copy(product, version, false));
    }

    /** Drops the copy of {@code sku} and refuses copies older than {@code version} from now on (for near-ttl). */
    void invalidate(Sku sku, long version) {
        if (!enabled) {
            return;
        }
        invalidations.increment();
        copies.asMap()
                .compute(
                        sku,
                        (key, current) -> current != null && current.invalidated() && current.version() >= version
                                ? current
                                : new Copy(Optional.empty(), version, true));
    }

    /** Invalidations reach this instance from now on: serve copies, starting from none. */
    void subscribed() {
        subscriptions.increment();
        dropAll();
        heard(System.nanoTime());
        subscribed.set(enabled);
    }

    /**
     * This instance heard its own heartbeat, published at {@code publishedAt} (its System.nanoTime): every invalidation
     * Redis ran before it has been applied here.
     */
    void heard(long publishedAt) {
        heardUpTo.accumulateAndGet(publishedAt, (newest, heard) -> heard - newest > 0 ? heard : newest);
    }

    /**
     * Whether invalidations are known to have reached this instance within {@code near-liveness}. While they are not
     * (Redis frozen, the subscription stalled without its connection noticing), no copy is served or kept.
     */
    boolean live() {
        return System.nanoTime() - heardUpTo.get() <= livenessNanos;
    }

    /**
     * Drops every copy when heartbeats have stopped arriving within {@code near-liveness} (they are not served meanwhile
     * anyway); true the first time it finds them stopped, until they arrive again.
     */
    boolean dropIfLapsed() {
        if (!enabled || !subscribed.get()) {
            return false;
        }
        if (live()) {
            lapsed.set(false);
            return false;
        }
        if (!lapsed.compareAndSet(false, true)) {
            return false;
        }
        lapses.increment();
        dropAll();
        return true;
    }

    /** Drops every copy, and refuses copies read before now: for when invalidations may have been missed. */
    void dropAll() {
        epoch.incrementAndGet();
        copies.invalidateAll();
    }

    /** Invalidations may be lost from now on: drop every copy and keep none until {@link #subscribed()}. */
    void unsubscribed() {
        subscribed.set(false);
        dropAll();
    }

    boolean serving() {
        return enabled && subscribed.get() && live();
    }

    boolean enabled() {
        return enabled;
    }
}
