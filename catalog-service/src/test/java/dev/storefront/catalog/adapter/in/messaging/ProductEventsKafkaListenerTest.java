package dev.storefront.catalog.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.catalog.application.port.in.ForgetCachedProductUseCase;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Traceparent;
import dev.storefront.events.catalog.ProductPriceChanged;
import dev.storefront.messaging.TemporaryFailureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductEventsKafkaListenerTest {

    private static EventEnvelope priceChanged(String sku, long version) {
        return EventCodec.envelope(
                EventCatalog.PRODUCT_PRICE_CHANGED,
                new ProductPriceChanged(sku, 2999, 1999, "EUR", version),
                "catalog-service",
                sku,
                sku,
                null,
                Traceparent.newRoot(),
                Instant.now());
    }

    @Test
    void evictsTheVersionTheEventAnnounces() {
        List<String> forgotten = new ArrayList<>();
        ProductEventsKafkaListener listener =
                new ProductEventsKafkaListener((sku, version) -> forgotten.add(sku.value() + "@" + version));

        listener.handle(priceChanged("SKU-0000042", 7));

        assertThat(forgotten).containsExactly("SKU-0000042@7");
    }

    @Test
    void anUnreachableCacheIsATemporaryFailureSoTheEventIsTriedAgainWithoutLimit() {
        ProductEventsKafkaListener listener = new ProductEventsKafkaListener((sku, version) -> {
            throw new ForgetCachedProductUseCase.CacheUnreachableException(sku);
        });

        assertThatThrownBy(() -> listener.handle(priceChanged("SKU-0000042", 7)))
                .isInstanceOf(TemporaryFailureException.class)
                .hasCauseInstanceOf(ForgetCachedProductUseCase.CacheUnreachableException.class);
    }
}
