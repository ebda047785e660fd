package dev.storefront.catalog.adapter.in.messaging;

import dev.storefront.catalog.application.port.in.ForgetCachedProductUseCase;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.kernel.Sku;
import dev.storefront.messaging.EventSubscription;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Evicts cached products on product events. Writes through this service already evict after their commit; this is
 * the second line: it covers an eviction that failed while Redis was unreachable (the event is retried until the
 * delete is confirmed) and changes announced by another deployment of the service.
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
        cache.productChanged(Sku.of(event.aggregateId()));
    }
}
