package dev.storefront.catalog.adapter.out.cache;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.retry.annotation.CircuitBreaker;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis commands of the product cache behind a circuit breaker: after a failure (Redis down, or slower than
 * {@code storefront.catalog.cache.timeout}) calls fail at once for the reset period instead of each waiting for the timeout, then
 * one call probes whether Redis is back. The connection is obtained lazily, so the service starts without Redis.
 */
@Singleton
@CircuitBreaker(attempts = "0", delay = "0s", reset = "${storefront.catalog.cache.breaker-reset:5s}")
class RedisCacheGateway {

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    /** What {@link #getAsync} answers before the connection exists (compared by identity). */
    static final String NOT_CONNECTED = new String("not connected");

    private final long timeoutMillis;
    /** Set once the first blocking command has obtained the connection; read by the non-blocking GET. */
    private volatile StatefulRedisConnection<String, String> connected;

    RedisCacheGateway(
            BeanProvider<StatefulRedisConnection<String, String>> connection,
            @Value("${storefront.catalog.cache.timeout:100ms}") Duration timeout) {
        this.connection = connection;
        this.timeoutMillis = timeout.toMillis();
    }

    public String get(String key) {
        return await(connection.get().async().get(key));
    }

    /**
     * GET without blocking the caller, within the same timeout, once the connection exists; before that (the first
     * reads after start-up) it answers {@link #NOT_CONNECTED} at once, and the caller then reads the blocking way, which connects.
     */
    public CompletableFuture<String> getAsync(String key) {
        StatefulRedisConnection<String, String> open = connected;
        if (open == null) {
            return CompletableFuture.completedFuture(NOT_CONNECTED);
        }
        // A Lettuce command is itself the future: the timeout completes the command, which Lettuce then drops.
        return open.async().get(key).toCompletableFuture().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stores {@code value}, read from the database at {@code version}, unless the key holds an entry already or a
     * tombstone of a newer version; true when it was stored.
     */
    public boolean putUnlessOutdated(String key, String value, long version, long ttlMillis) {
        Long stored = await(connection
                .get()
                .async()
                .eval(
                        PUT_UNLESS_OUTDATED,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        value,
                        Long.toString(version),
                        Long.toString(ttlMillis)));
        return stored != null && stored == 1L;
    }

    /**
     * Replaces whatever the key holds with a tombstone of {@code version}, unless it holds a tombstone of a version as
     * new already, and announces the invalidation to every instance's near cache, in the same script.
     */
    public void tombstone(String key, String sku, long version, long ttlMillis) {
        await(connection
                .get()
                .async()
                .eval(
                        TOMBSTONE,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        Long.toString(version),
                        Long.toString(ttlMillis),
                        ProductInvalidations.CHANNEL,
                        sku + " " + version));
    }

    /** Tombstones are {@code ~<version>}; entries are anything else. */
    private static final String PUT_UNLESS_OUTDATED = """
            local current = redis.call('GET', KEYS[1])
            if current then
              if string.sub(current, 1, 1) ~= '~' then return 0 end
              if tonumber(ARGV[2]) < tonumber(string.sub(current, 2)) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            return 1
            """;

    private static final String TOMBSTONE = """
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            local current = redis.call('GET', KEYS[1])
            if current and string.sub(current, 1, 1) == '~'
                and tonumber(string.sub(current, 2)) >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('SET', KEYS[1], '~' .. ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    /**
     * Waits at most the cache timeout. While Redis is away Lettuce queues commands until it reconnects; a reader must
     * not queue with them.
     */
    private <T> T await(RedisFuture<T> future) {
        if (connected == null) {
            connected = connection.get();
        }
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RedisCommandTimeoutException("product cache did not answer within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw new RedisException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException(e);
        }
    }
}
