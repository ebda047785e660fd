package dev.storefront.catalog.adapter.out.cache;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.retry.annotation.CircuitBreaker;
import jakarta.inject.Singleton;

/**
 * The Redis commands of the product cache behind a circuit breaker: after a failure (Redis down, or slower than the
 * connection's command timeout) calls fail at once for the reset period instead of each waiting for the timeout, then
 * one call probes whether Redis is back. The connection is obtained lazily, so the service starts without Redis.
 */
@Singleton
@CircuitBreaker(attempts = "0", delay = "0s", reset = "${storefront.catalog.cache.breaker-reset:5s}")
class RedisCacheGateway {

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;

    RedisCacheGateway(BeanProvider<StatefulRedisConnection<String, String>> connection) {
        this.connection = connection;
    }

    public String get(String key) {
        return connection.get().sync().get(key);
    }

    public void set(String key, String value, long ttlMillis) {
        connection.get().sync().set(key, value, SetArgs.Builder.px(ttlMillis));
    }

    public void delete(String key) {
        connection.get().sync().del(key);
    }
}
