package dev.storefront.catalog.adapter.out.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The Redis commands of the product cache behind a circuit breaker (Resilience4j): after a failure (Redis down, or
 * slower than {@code storefront.catalog.cache.timeout}) calls fail at once for {@code breaker-reset} instead of each
 * waiting for the timeout, then one call probes whether Redis is back: success closes the breaker, failure opens it
 * again. A call refused by the open breaker costs a permission check and a shared exception without a stack trace,
 * so a read while Redis is away costs little more than the database read it falls back to (ADR 0014). The connection
 * is obtained lazily, so the service starts without Redis.
 */
@Singleton
class RedisCacheGateway {

    /** What {@link #getAsync} answers before the connection exists (compared by identity). */
    static final String NOT_CONNECTED = new String("not connected");

    /** What a call refused by the open breaker fails with: one shared instance, without a stack trace. */
    static final RuntimeException SKIPPED = new BreakerOpenException();

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final long timeoutMillis;
    private final CircuitBreaker breaker;
    /** Set once the first blocking command has obtained the connection; read by the non-blocking GET. */
    private volatile StatefulRedisConnection<String, String> connected;

    RedisCacheGateway(
            BeanProvider<StatefulRedisConnection<String, String>> connection,
            @Value("${storefront.catalog.cache.timeout:100ms}") Duration timeout,
            @Value("${storefront.catalog.cache.breaker-reset:5s}") Duration reset) {
        this.connection = connection;
        this.timeoutMillis = timeout.toMillis();
        this.breaker = CircuitBreaker.of(
                "product-cache",
                CircuitBreakerConfig.custom()
                        // One failure opens it: the window is the last call, and 100 % of one call failed.
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(1)
                        .minimumNumberOfCalls(1)
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(reset)
                        // After the reset, the next call is the probe; the others still fail at once meanwhile.
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .writableStackTraceEnabled(false)
                        .build());
    }

    public String get(String key) {
        return await(redis -> redis.async().get(key));
    }

    /**
     * GET without blocking the caller, within the same timeout, once the connection exists; before that (the first
     * reads after start-up) it answers {@link #NOT_CONNECTED} at once, and the caller then reads the blocking way,
     * which connects.
     */
    public CompletableFuture<String> getAsync(String key) {
        StatefulRedisConnection<String, String> open = connected;
        if (open == null) {
            return CompletableFuture.completedFuture(NOT_CONNECTED);
        }
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(SKIPPED);
        }
        long started = System.nanoTime();
        // A Lettuce command is itself the future: the timeout completes the command, which Lettuce then drops.
        return open.async()
                .get(key)
                .toCompletableFuture()
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((value, error) -> record(started, error));
    }

    /**
     * Stores {@code value}, read from the database at {@code version}, unless the key holds an entry already or a
     * tombstone of a newer version; true when it was stored.
     */
    public boolean putUnlessOutdated(String key, String value, long version, long ttlMillis) {
        Long stored = await(redis -> redis.async()
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
        await(redis -> redis.async()
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
     * Runs one command through the breaker and waits at most the cache timeout. While Redis is away Lettuce queues
     * commands until it reconnects; a reader must not queue with them.
     */
    private <T> T await(Function<StatefulRedisConnection<String, String>, RedisFuture<T>> command) {
        if (!breaker.tryAcquirePermission()) {
            throw SKIPPED;
        }
        long started = System.nanoTime();
        RedisFuture<T> future = null;
        try {
            StatefulRedisConnection<String, String> redis = connected;
            if (redis == null) {
                redis = connection.get();
                connected = redis;
            }
            future = command.apply(redis);
            T result = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            record(started, null);
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            RedisException timeout =
                    new RedisCommandTimeoutException("product cache did not answer within " + timeoutMillis + " ms");
            record(started, timeout);
            throw timeout;
        } catch (ExecutionException e) {
            record(started, e.getCause());
            throw new RedisException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(started, e);
            throw new RedisException(e);
        } catch (RuntimeException e) {
            record(started, e);
            throw e;
        }
    }

    private void record(long started, Throwable error) {
        long elapsed = System.nanoTime() - started;
        if (error == null) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
        }
    }

    private static final class BreakerOpenException extends RuntimeException {
        BreakerOpenException() {
            super("product cache skipped while its circuit breaker is open", null, false, false);
        }
    }
}
