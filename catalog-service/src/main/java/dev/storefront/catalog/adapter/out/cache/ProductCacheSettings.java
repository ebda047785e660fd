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
 * @param nearTtl how long an instance's copy lives: the bound on staleness when an invalidation message is lost
 * @param nearMaxEntries how many products (and invalidation markers) an instance keeps at most
 */
@ConfigurationProperties("storefront.catalog.cache")
record ProductCacheSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "10m") Duration ttl,
        @Bindable(defaultValue = "0.2") double jitter,
        @Bindable(defaultValue = "30s") Duration negativeTtl,
        @Bindable(defaultValue = "1m") Duration tombstoneTtl,
        @Bindable(defaultValue = "1s") Duration loadWait,
        @Bindable(defaultValue = "true") boolean nearEnabled,
        @Bindable(defaultValue = "2s") Duration nearTtl,
        @Bindable(defaultValue = "20000") int nearMaxEntries) {}
