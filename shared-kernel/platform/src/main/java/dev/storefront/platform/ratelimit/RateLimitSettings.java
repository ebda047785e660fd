package dev.storefront.platform.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The rate limiter's settings ({@code storefront.rate-limits.*}); the limits themselves are {@link RateLimitRule}s.
 *
 * @param enabled whether requests are limited at all
 * @param redisUri the Redis holding the buckets, shared by every instance of every service
 * @param timeout the longest a request waits for its bucket
 * @param failClosed what happens when Redis does not answer in time: false lets the request through (counted and
 *     logged), true refuses it with 503; see docs/adr/0019
 */
@ConfigurationProperties("storefront.rate-limits")
public record RateLimitSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "redis://127.0.0.1:6379") String redisUri,
        @Bindable(defaultValue = "100ms") Duration timeout,
        @Bindable(defaultValue = "false") boolean failClosed) {}
