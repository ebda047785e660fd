package dev.storefront.catalog.adapter.in.messaging;

import dev.storefront.catalog.application.port.in.ForgetCachedProductUseCase;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.kernel.Sku;
import dev.storefront.messaging.EventSubscription;
import dev.storefront.messaging.TemporaryFailureException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Evicts cached products on product events. Writes through this service already evict after their commit; this is
 * the second line: it covers an eviction that failed while Redis was unreachable (the event is tried again, without a
 * limit on attempts, until the eviction is confirmed) and changes announced by another deployment of the service.
 */
@Singleton
class ProductEventsKafkaListener implements EventSubscription {

    private final ForgetCachedProductUseCase cache;

    ProductEventsKafkaListener(ForgetCachedProductUseCase cache) {
        this.cache = cache;
    }

    @Override
    public String consumerGroup() {
        return "catalog-service.product-cache";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CATALOG_PRODUCT);
    }

    @Override
    public void handle(EventEnvelope event) {
        try {
            cache.productChanged(
                    Sku.of(event.aggregateId()), event.data().path("version").asLong(0));
        } catch (ForgetCachedProductUseCase.CacheUnreachableException e) {
            // Not the event's fault: tried again, however long Redis is away, and never dead-lettered.
            throw new TemporaryFailureException(e.getMessage(), e);
        }
    }
}
