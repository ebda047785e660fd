package dev.storefront.catalog.adapter.out.cache;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.retry.annotation.CircuitBreaker;
import jakarta.inject.Singleton;
import java.time.Duration;
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
    private final long timeoutMillis;

    RedisCacheGateway(
            BeanProvider<StatefulRedisConnection<String, String>> connection,
            @Value("${storefront.catalog.cache.timeout:100ms}") Duration timeout) {
        this.connection = connection;
        this.timeoutMillis = timeout.toMillis();
    }

    public String get(String key) {
        return await(connection.get().async().get(key));
    }

    public void set(String key, String value, long ttlMillis) {
        await(connection.get().async().set(key, value, SetArgs.Builder.px(ttlMillis)));
    }

    public void delete(String key) {
        await(connection.get().async().del(key));
    }

    /**
     * Waits at most the cache timeout. While Redis is away Lettuce queues commands until it reconnects; a reader must
     * not queue with them.
     */
    private <T> T await(RedisFuture<T> future) {
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
