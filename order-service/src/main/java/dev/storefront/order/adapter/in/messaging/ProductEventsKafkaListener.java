package dev.storefront.order.adapter.in.messaging;

import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Topics;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import dev.storefront.messaging.EventSubscription;
import dev.storefront.messaging.RejectedEventException;
import dev.storefront.order.application.port.in.ForgetProductUseCase;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Drops this service's short-lived copy of a product's price and status when catalog announces any change to it
 * (ProductChanged, ProductPriceChanged and types added later alike: every event on the topic is about its key's
 * product). A failed drop is retried with the event.
 */
@Singleton
class ProductEventsKafkaListener implements EventSubscription {

    private final ForgetProductUseCase prices;

    ProductEventsKafkaListener(ForgetProductUseCase prices) {
        this.prices = prices;
    }

    @Override
    public String consumerGroup() {
        return "order-service.prices";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CATALOG_PRODUCT);
    }

    @Override
    public void handle(EventEnvelope event) {
        Sku sku;
        try {
            sku = Sku.of(event.aggregateId());
        } catch (DomainException e) {
            throw new RejectedEventException("product event keyed by " + event.aggregateId() + ", not an SKU");
        }
        prices.productChanged(sku);
    }
}
