package dev.storefront.catalog.adapter.out.cache;

import dev.storefront.kernel.Sku;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
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
 */
@Singleton
class ProductInvalidations {

    static final String CHANNEL = "catalog:product:v1:invalidations";
    private static final Logger LOG = LoggerFactory.getLogger(ProductInvalidations.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final BeanProvider<StatefulRedisPubSubConnection<String, String>> connections;
    private final ProductNearCache near;
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean confirmed;

    ProductInvalidations(
            BeanProvider<StatefulRedisPubSubConnection<String, String>> connections, ProductNearCache near) {
        this.connections = connections;
        this.near = near;
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
