package dev.storefront.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, through Bucket4j's Lettuce integration (compare-and-swap on one key per bucket, so every
 * instance of a service shares each bucket). The connection is made in the background (again every 5 s until it
 * succeeds), so a service starts without Redis; commands are refused at once while it is disconnected instead of
 * queueing, and every answer is awaited at most {@code timeout}.
 */
@Singleton
@Requires(property = "storefront.rate-limits.enabled", value = "true")
class RedisBuckets {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBuckets.class);

    private final RateLimitSettings settings;
    private final RedisClient client;
    private final Map<RateLimitRule.Limit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile AsyncProxyManager<String> buckets;

    RedisBuckets(RateLimitSettings settings) {
        this.settings = settings;
        this.client = RedisClient.create(settings.redisUri());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        client.setDefaultTimeout(settings.timeout());
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "5s")
    void connectUntilConnected() {
        if (buckets != null) {
            return;
        }
        try {
            StatefulRedisConnection<String, byte[]> connected =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection = connected;
            buckets = Bucket4jLettuce.casBasedBuilder(connected)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build()
                    .asAsync();
            LOG.info("Rate limits kept in Redis at {}", settings.redisUri());
        } catch (RuntimeException e) {
            LOG.warn("Rate limits cannot reach Redis yet ({}); trying again in 5 s", e.getMessage());
        }
    }

    /** Takes one token from {@code key}'s bucket of {@code limit}; fails when Redis does not answer in time. */
    CompletableFuture<ConsumptionProbe> take(String key, RateLimitRule.Limit limit) {
        AsyncProxyManager<String> manager = buckets;
        if (manager == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
        }
        BucketConfiguration configuration = configurations.computeIfAbsent(
                limit,
                l -> BucketConfiguration.builder()
                        .addLimit(bandwidth -> bandwidth
                                .capacity(l.capacity())
                                .refillGreedy(l.capacity(), l.rule().period()))
                        .build());
        try {
            return manager.builder()
                    .build(key, () -> CompletableFuture.completedFuture(configuration))
                    .tryConsumeAndReturnRemaining(1)
                    .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
