package dev.storefront.catalog.adapter.out.cache;

import dev.storefront.kernel.Sku;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the product invalidations that every eviction publishes on {@value #CHANNEL} (inside the eviction's Lua
 * script, so a tombstone and its announcement cannot part) to this instance's {@link ProductNearCache}. The message is
 * {@code <sku> <version>}.
 *
 * <p>The subscription is made once Redis answers (tried again every 5 s until then, so the service starts without
 * Redis); after that Lettuce reconnects and subscribes again by itself. The near cache follows the subscription: it
 * serves copies only between a confirmed subscription and the next disconnect.
 *
 * <p>A subscription can also stall without its connection noticing: Redis frozen, a network path that stops
 * forwarding. So each instance publishes a heartbeat, {@value #HEARTBEAT} followed by its own id and the time it
 * published, on the same channel every {@code near-heartbeat}, and tells the near cache when it hears its own back.
 * Redis delivers a connection's messages in the order it ran the commands, so hearing a heartbeat proves every
 * invalidation run before it has arrived; the near cache serves copies only while it heard one published within {@code
 * near-liveness}.
 */
@Singleton
class ProductInvalidations {

    static final String CHANNEL = "catalog:product:v1:invalidations";
    private static final Logger LOG = LoggerFactory.getLogger(ProductInvalidations.class);
    /** Starts a heartbeat; no SKU starts with it, and the previous release drops its copies on it (ADR 0014). */
    static final String HEARTBEAT = "~heartbeat ";

    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final BeanProvider<StatefulRedisPubSubConnection<String, String>> connections;
    private final BeanProvider<StatefulRedisConnection<String, String>> commands;
    private final ProductNearCache near;
    private final String self = HEARTBEAT + UUID.randomUUID() + " ";
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean confirmed;

    ProductInvalidations(
            BeanProvider<StatefulRedisPubSubConnection<String, String>> connections,
            BeanProvider<StatefulRedisConnection<String, String>> commands,
            ProductNearCache near) {
        this.connections = connections;
        this.commands = commands;
        this.near = near;
    }

    /**
     * Publishes this instance's heartbeat without waiting for it (hearing it back is what counts), and drops the
     * copies when none was heard within {@code near-liveness}.
     */
    @Scheduled(initialDelay = "1s", fixedDelay = "${storefront.catalog.cache.near-heartbeat:1s}")
    void heartbeat() {
        if (!near.enabled() || !confirmed) {
            return;
        }
        if (near.dropIfLapsed()) {
            LOG.warn("No product invalidation heartbeat heard within near-liveness; this instance's copies are dropped"
                    + " and none is served until heartbeats arrive again");
        }
        try {
            commands.get().async().publish(CHANNEL, self + System.nanoTime());
        } catch (RuntimeException e) {
            LOG.debug("Cannot publish the product invalidation heartbeat: {}", e.toString());
        }
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "5s")
    void subscribeUntilSubscribed() {
        if (!near.enabled() || confirmed) {
            return;
        }
        try {
            if (connection == null) {
                connection = listenedTo(connections.get());
            }
            // SUBSCRIBE is idempotent; after a confirmed one Lettuce subscribes again by itself on every reconnect.
            connection.async().subscribe(CHANNEL).get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            confirmed = true;
        } catch (Exception e) {
            LOG.debug("Cannot subscribe to product invalidations yet: {}", e.toString());
        }
    }

    private StatefulRedisPubSubConnection<String, String> listenedTo(
            StatefulRedisPubSubConnection<String, String> subscription) {
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String channel, long count) {
                if (CHANNEL.equals(channel)) {
                    near.subscribed();
                    LOG.info("Receiving product invalidations on {}; serving this instance's copies", CHANNEL);
                }
            }

            @Override
            public void message(String channel, String message) {
                if (CHANNEL.equals(channel)) {
                    received(message);
                }
            }
        });
        subscription.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                near.unsubscribed();
                LOG.warn("Product invalidations interrupted; this instance's copies are dropped until they resume");
            }
        });
        return subscription;
    }

    private void received(String message) {
        if (message.startsWith(HEARTBEAT)) {
            if (message.startsWith(self)) {
                near.heard(Long.parseLong(message.substring(self.length())));
            }
            return;
        }
        int space = message.indexOf(' ');
        try {
            near.invalidate(Sku.of(message.substring(0, space)), Long.parseLong(message.substring(space + 1)));
        } catch (RuntimeException e) {
            // Not ours to understand: drop every copy rather than risk keeping the one it meant.
            LOG.warn("Unreadable product invalidation '{}'; dropping every copy", message);
            near.dropAll();
        }
    }

    @PreDestroy
    void close() {
        StatefulRedisPubSubConnection<String, String> subscription = connection;
        if (subscription != null) {
            near.unsubscribed();
            subscription.closeAsync();
        }
    }
}
