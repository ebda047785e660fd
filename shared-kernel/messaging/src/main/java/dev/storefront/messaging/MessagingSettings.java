package dev.storefront.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * What a service tells the messaging machinery about itself ({@code storefront.messaging.*}).
 *
 * @param source the service's name, written as every event's {@code source}
 * @param schema the Postgres schema that holds the service's outbox and inbox
 * @param topics the topics the service produces to or consumes from; each is created with its {@code .dlq} twin at
 *     start-up when missing
 * @param partitions partitions of topics this service creates
 * @param replicationFactor replication factor of topics this service creates
 * @param groupSuffix appended to every consumer group of this instance (tests use it to stay apart from a running
 *     stack on the same broker)
 */
@ConfigurationProperties("storefront.messaging")
public record MessagingSettings(
        String source,
        String schema,
        @Bindable(defaultValue = "") List<String> topics,
        @Bindable(defaultValue = "3") int partitions,
        @Bindable(defaultValue = "1") short replicationFactor,
        @Bindable(defaultValue = "") String groupSuffix) {

    public String groupOf(EventSubscription subscription) {
        return subscription.consumerGroup() + groupSuffix;
    }
}
