package dev.storefront.notification.adapter.in.pubsub;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.application.port.in.LivePushUseCase;
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
 * Hears the announcements every instance publishes on {@value #CHANNEL} after committing a notification (the message
 * is the customer id) and hands them to this instance's open streams. Redis pub/sub keeps nothing: what is published
 * while this instance is not subscribed is never heard, which is why a stream fetches from Postgres rather than
 * trusting the push, and polls while the subscription is down.
 *
 * <p>The subscription is made once Redis answers (tried every 5 s until then, so the service starts without Redis);
 * after that Lettuce reconnects and subscribes again by itself.
 */
@Singleton
class AnnouncementSubscriber {

    /** Also named by the publishing adapter; a constant of the protocol between instances. */
    static final String CHANNEL = "notification:v1:announcements";

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementSubscriber.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final BeanProvider<StatefulRedisPubSubConnection<String, String>> connections;
    private final LivePushUseCase streams;
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean confirmed;

    AnnouncementSubscriber(
            BeanProvider<StatefulRedisPubSubConnection<String, String>> connections, LivePushUseCase streams) {
        this.connections = connections;
        this.streams = streams;
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "5s")
    void subscribeUntilSubscribed() {
        if (confirmed) {
            return;
        }
        try {
            if (connection == null) {
                connection = listenedTo(connections.get());
            }
            connection.async().subscribe(CHANNEL).get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            confirmed = true;
        } catch (Exception e) {
            LOG.debug("Cannot subscribe to notification announcements yet: {}", e.toString());
        }
    }

    private StatefulRedisPubSubConnection<String, String> listenedTo(
            StatefulRedisPubSubConnection<String, String> subscription) {
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String channel, long count) {
                if (CHANNEL.equals(channel)) {
                    LOG.info("Receiving notification announcements on {}; streams are pushed live", CHANNEL);
                    streams.pushAvailable();
                }
            }

            @Override
            public void message(String channel, String message) {
                if (CHANNEL.equals(channel)) {
                    try {
                        streams.announced(CustomerId.of(message));
                    } catch (RuntimeException e) {
                        LOG.warn("Unreadable notification announcement '{}' ignored", message);
                    }
                }
            }
        });
        subscription.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                LOG.warn("Notification announcements interrupted; open streams poll Postgres until they resume");
                streams.pushLost();
            }
        });
        return subscription;
    }

    @PreDestroy
    void close() {
        StatefulRedisPubSubConnection<String, String> subscription = connection;
        if (subscription != null) {
            subscription.closeAsync();
        }
    }
}
