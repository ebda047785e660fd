package dev.storefront.order.adapter.in.messaging;

import static dev.storefront.order.OrderTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.Topics;
import dev.storefront.events.Traceparent;
import dev.storefront.events.catalog.ProductPriceChanged;
import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * order-service keeps a short-lived Redis copy of catalog's prices (30 s); a price change announced on
 * catalog.product.v1 must drop it, so carts show the new price long before the copy would have expired.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductEventsDropThePriceCopyIT implements TestPropertyProvider {

    private final FakeCatalog catalog = FakeCatalog.start();
    private final KafkaProducer<String, byte[]> products = OrderTestSupport.eventProducer();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return OrderTestSupport.properties(catalog);
    }

    @AfterAll
    void close() {
        catalog.close();
        products.close();
    }

    @Test
    void aPriceChangeOnTheProductTopicReachesTheCartWellWithinTheCopysLifetime() throws Exception {
        ApiClient api = ApiClient.at(server.getURI());
        String token =
                TestTokens.customer("prices-" + UUID.randomUUID().toString().substring(0, 8));
        String sku = newSku();
        catalog.product(sku, 1_000, true);
        String cart = api.send("POST", "/api/v1/carts", token, Map.of(), null)
                .json()
                .path("id")
                .asText();
        assertThat(api.send("PUT", "/api/v1/carts/" + cart + "/items/" + sku, token, Map.of(), "{\"quantity\":1}")
                        .status())
                .isEqualTo(200);

        catalog.product(sku, 1_200, true);
        assertThat(unitPrice(api, token, cart))
                .as("the copy answers while it lives, catalog is not asked")
                .isEqualTo(1_000);

        products.send(new ProducerRecord<>(
                        Topics.CATALOG_PRODUCT,
                        sku,
                        EventCodec.toBytes(EventCodec.envelope(
                                EventCatalog.PRODUCT_PRICE_CHANGED,
                                new ProductPriceChanged(sku, 1_000, 1_200, "EUR", 2),
                                "catalog-service",
                                sku,
                                UUID.randomUUID().toString(),
                                null,
                                Traceparent.newRoot(),
                                Instant.now()))))
                .get();

        await().atMost(Duration.ofSeconds(15)).until(() -> unitPrice(api, token, cart) == 1_200);
    }

    private static long unitPrice(ApiClient api, String token, String cart) {
        return api.get("/api/v1/carts/" + cart, token)
                .json()
                .path("lines")
                .get(0)
                .path("unitPrice")
                .path("amountMinor")
                .asLong();
    }
}
