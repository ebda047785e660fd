package dev.storefront.notification.adapter.out.pubsub;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.application.port.out.LivePush;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a customer's new notification on the Redis channel every instance subscribes to, without waiting: the
 * announcement is an optimisation of delivery, not part of it (a stream that misses one catches up at its next
 * heartbeat, or by polling while the subscription is down).
 */
@Singleton
class RedisLivePush implements LivePush {

    static final String CHANNEL = "notification:v1:announcements";
    private static final Logger LOG = LoggerFactory.getLogger(RedisLivePush.class);

    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final Counter failed;

    /** The connection is made at the first announcement, so the service starts (and records) without Redis. */
    RedisLivePush(BeanProvider<StatefulRedisConnection<String, String>> redis, MeterRegistry meters) {
        this.redis = redis;
        this.failed = Counter.builder("storefront.notifications.announcements.failed")
                .description("Announcements of new notifications Redis did not take (streams catch up later)")
                .register(meters);
    }

    @Override
    public void announce(CustomerId customer) {
        try {
            redis.get().async().publish(CHANNEL, customer.value()).whenComplete((receivers, error) -> {
                if (error != null) {
                    failed.increment();
                    LOG.debug("Announcement for {} not published: {}", customer, error.toString());
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
            LOG.debug("Announcement for {} not published: {}", customer, e.toString());
        }
    }
}
