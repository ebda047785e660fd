package dev.storefront.catalog.adapter.out.messaging;

import dev.storefront.catalog.application.port.out.ProductEvents;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductEvent;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.catalog.ProductChanged;
import dev.storefront.events.catalog.ProductPriceChanged;
import dev.storefront.kernel.Money;
import dev.storefront.messaging.OutboxWriter;
import jakarta.inject.Singleton;
import java.util.List;

/** Product events to catalog.product.v1 (key sku), through the outbox in the caller's transaction. */
@Singleton
class ProductEventsOutboxAdapter implements ProductEvents {

    private final OutboxWriter outbox;

    ProductEventsOutboxAdapter(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(List<ProductEvent> events) {
        for (ProductEvent event : events) {
            switch (event) {
                case ProductEvent.Changed changed -> changed(changed.product());
                case ProductEvent.PriceChanged priceChanged ->
                    priceChanged(priceChanged.product(), priceChanged.oldPrice());
            }
        }
    }

    private void changed(Product product) {
        String sku = product.sku().value();
        outbox.append(
                EventCatalog.PRODUCT_CHANGED,
                new ProductChanged(
                        sku,
                        product.details().name(),
                        product.details().category(),
                        product.price().amountMinor(),
                        product.price().currency(),
                        product.details().active(),
                        product.version()),
                sku,
                sku,
                null);
    }

    private void priceChanged(Product product, Money oldPrice) {
        String sku = product.sku().value();
        outbox.append(
                EventCatalog.PRODUCT_PRICE_CHANGED,
                new ProductPriceChanged(
                        sku,
                        oldPrice.amountMinor(),
                        product.price().amountMinor(),
                        product.price().currency(),
                        product.version()),
                sku,
                sku,
                null);
    }
}
