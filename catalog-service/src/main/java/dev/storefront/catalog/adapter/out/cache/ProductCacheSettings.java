package dev.storefront.catalog.adapter.out.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The product cache's settings ({@code storefront.catalog.cache.*}).
 *
 * @param enabled false reads Postgres only (used to measure what the cache buys)
 * @param ttl how long an entry lives, before jitter
 * @param jitter up to this fraction is added to each TTL, so entries written together do not expire together
 * @param negativeTtl how long "no such product" is remembered
 * @param loadWait how long a reader waits for another reader's load of the same product before it loads itself
 * @param tombstoneTtl how long an eviction's tombstone refuses older copies; longer than any load can take (loads are
 *     bounded by the database's statement timeout)
 * @param nearEnabled whether each instance keeps recently read products in its own memory, in front of Redis
 * @param nearTtl how long an instance's copy lives after it was stored (memory, not staleness: see nearLiveness)
 * @param nearHeartbeat how often each instance publishes a heartbeat on the invalidation channel
 * @param nearLiveness copies are served only while this instance heard its own heartbeat published within this long:
 *     the bound on staleness when invalidations stop arriving without the connection noticing
 * @param nearMaxEntries how many products (and invalidation markers) an instance keeps at most
 * @param maxConcurrentLoads product reads that may be on their way to Postgres at once in this instance; a read past
 *     that is answered 503 catalog-busy at once instead of queueing for a pooled connection
 */
@ConfigurationProperties("storefront.catalog.cache")
record ProductCacheSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "6h") Duration ttl,
        @Bindable(defaultValue = "0.2") double jitter,
        @Bindable(defaultValue = "30s") Duration negativeTtl,
        @Bindable(defaultValue = "1m") Duration tombstoneTtl,
        @Bindable(defaultValue = "1s") Duration loadWait,
        @Bindable(defaultValue = "true") boolean nearEnabled,
        @Bindable(defaultValue = "10m") Duration nearTtl,
        @Bindable(defaultValue = "1s") Duration nearHeartbeat,
        @Bindable(defaultValue = "3s") Duration nearLiveness,
        @Bindable(defaultValue = "20000") int nearMaxEntries,
        @Bindable(defaultValue = "64") int maxConcurrentLoads) {

    ProductCacheSettings {
        if (nearEnabled && enabled && nearLiveness.compareTo(nearHeartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("storefront.catalog.cache.near-liveness (" + nearLiveness
                    + ") must be at least twice near-heartbeat (" + nearHeartbeat + ")");
        }
    }
}
