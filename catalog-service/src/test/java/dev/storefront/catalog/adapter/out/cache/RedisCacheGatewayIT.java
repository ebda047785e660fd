package dev.storefront.catalog.adapter.out.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's circuit breaker against a Redis of the test's own, frozen with SIGSTOP: one command waits out the
 * timeout, and until the reset every later one is refused at once without reaching Redis; after the reset one probe
 * finds Redis answering again and closes the breaker.
 */
class RedisCacheGatewayIT {

    private static final Duration TIMEOUT = Duration.ofMillis(100);
    private static final Duration RESET = Duration.ofSeconds(2);

    private FreezableRedis redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCacheGateway gateway;

    @BeforeEach
    void start() {
        redis = FreezableRedis.start();
        client = RedisClient.create(redis.uri());
        connection = client.connect();
        gateway = new RedisCacheGateway(() -> connection, TIMEOUT, RESET);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            redis.close();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void afterOneTimeoutCommandsAreRefusedAtOnceUntilTheResetThenOneProbeClosesTheBreaker() throws Exception {
        connection.sync().set("catalog:product:v1:LAMP-1", "lamp");
        assertThat(gateway.get("catalog:product:v1:LAMP-1")).isEqualTo("lamp");

        redis.freeze();
        assertThatThrownBy(() -> gateway.get("catalog:product:v1:LAMP-1"))
                .isInstanceOf(RedisCommandTimeoutException.class);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> gateway.get("catalog:product:v1:LAMP-1"))
                    .as("refused by the open breaker, without waiting for Redis")
                    .isSameAs(RedisCacheGateway.SKIPPED);
            assertThatThrownBy(
                            () -> gateway.getAsync("catalog:product:v1:LAMP-1").get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isSameAs(RedisCacheGateway.SKIPPED);
        }

        redis.thaw();
        await().atMost(RESET.multipliedBy(5))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> "lamp".equals(gateway.get("catalog:product:v1:LAMP-1")));
        assertThat(gateway.getAsync("catalog:product:v1:LAMP-1").get()).isEqualTo("lamp");
    }
}
