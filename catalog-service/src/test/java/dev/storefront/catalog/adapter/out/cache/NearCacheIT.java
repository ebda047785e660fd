package dev.storefront.catalog.adapter.out.cache;

import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each instance's near copies against real Redis, with two catalog instances (this test's and a second one started
 * beside it) sharing Redis and Postgres. The copies live a minute here, far longer than any test waits: only the
 * invalidation published by the eviction can make the other instance serve a change in time.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearCacheIT implements TestPropertyProvider {

    /** The bound docs/adr/0014 states for an instance other than the writer's, while pub/sub is up. */
    private static final Duration INVALIDATION_BOUND = Duration.ofSeconds(1);

    @Inject
    EmbeddedServer writer;

    @Inject
    StatefulRedisConnection<String, String> redis;

    private OtherInstance other;
    private ApiClient otherApi;
    private MeterRegistry otherMeters;

    @Override
    public Map<String, String> getProperties() {
        return properties();
    }

    private static Map<String, String> properties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        properties.put("storefront.catalog.cache.timeout", "2s");
        properties.put("storefront.catalog.cache.near-ttl", "1m");
        return properties;
    }

    @BeforeAll
    void startTheOtherInstance() {
        other = OtherInstance.start(properties());
        otherApi = other.api();
        otherMeters = other.meters();
        awaitSubscribed(otherMeters, 1);
    }

    @AfterAll
    void stopTheOtherInstance() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aPriceChangeOnOneInstanceReachesTheOtherInstancesCopyWithinASecond() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Near lamp", "near-cache-test", 4999, 3);
        assertThat(OtherInstance.price(otherApi, sku)).isEqualTo(4999);
        double nearHits = other.nearHits();
        assertThat(OtherInstance.price(otherApi, sku)).isEqualTo(4999);
        assertThat(other.nearHits())
                .as("the second read is served by the other instance's copy")
                .isEqualTo(nearHits + 1);

        ApiClient writerApi = ApiClient.at(writer.getURI());
        assertThat(writerApi
                        .putJson(
                                "/api/v1/products/" + sku + "/price",
                                TestTokens.admin(),
                                "{\"amountMinor\":3999,\"currency\":\"EUR\"}")
                        .status())
                .isEqualTo(200);
        long changed = System.nanoTime();
        await().atMost(INVALIDATION_BOUND)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> OtherInstance.price(otherApi, sku) == 3999);
        System.out.printf(
                "NEAR a price change on one instance was served by the other after %d ms (bound %d ms)%n",
                Duration.ofNanos(System.nanoTime() - changed).toMillis(), INVALIDATION_BOUND.toMillis());
        assertThat(OtherInstance.price(writerApi, sku))
                .as("and by the writer's own")
                .isEqualTo(3999);
    }

    @Test
    void aDroppedSubscriptionDropsEveryCopyAndInvalidationsArriveAgainAfterItComesBack() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Near rug", "near-cache-test", 2500, 3);
        OtherInstance.price(otherApi, sku);
        assertThat(OtherInstance.price(otherApi, sku)).isEqualTo(2500);
        double subscriptions = subscriptions(otherMeters);

        // Redis closes every subscriber's connection; Lettuce reconnects and subscribes again by itself. Whatever was
        // published in between is lost to the other instance, so it must not trust a copy from before.
        redis.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
        awaitSubscribed(otherMeters, subscriptions + 1);
        double nearHits = other.nearHits();
        assertThat(OtherInstance.price(otherApi, sku)).isEqualTo(2500);
        assertThat(other.nearHits())
                .as("no copy survived the dropped subscription")
                .isEqualTo(nearHits);

        awaitSubscribed(writer.getApplicationContext().getBean(MeterRegistry.class), 1);
        assertThat(ApiClient.at(writer.getURI())
                        .putJson(
                                "/api/v1/products/" + sku + "/price",
                                TestTokens.admin(),
                                "{\"amountMinor\":2000,\"currency\":\"EUR\"}")
                        .status())
                .isEqualTo(200);
        await().atMost(INVALIDATION_BOUND)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> OtherInstance.price(otherApi, sku) == 2000);
    }

    private static double subscriptions(MeterRegistry meters) {
        return meters.get("storefront.cache.near.subscriptions").counter().count();
    }

    private static void awaitSubscribed(MeterRegistry meters, double atLeast) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> subscriptions(meters) >= atLeast
                        && meters.get("storefront.cache.near.coherent").gauge().value() == 1);
    }
}
