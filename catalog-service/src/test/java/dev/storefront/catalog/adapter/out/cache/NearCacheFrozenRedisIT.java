package dev.storefront.catalog.adapter.out.cache;

import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
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
 * Two catalog instances on a Redis of the test's own, frozen with SIGSTOP while the other instance holds a copy of a
 * product: the eviction of the price change cannot run and its invalidation is never published, and the other
 * instance's subscription sees no disconnect. Only the missing heartbeats can tell it that invalidations have stopped.
 * Copies live ten minutes here, so a stale price served past {@code near-liveness} (3 s) plus one read's Redis timeout
 * means the liveness check is gone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearCacheFrozenRedisIT implements TestPropertyProvider {

    /** docs/adr/0014: near-liveness (3 s), then the read's Redis timeout (100 ms) before it goes to Postgres. */
    private static final Duration STALENESS_BOUND = Duration.ofMillis(3_000 + 100 + 400);

    private FreezableRedis redis;
    private OtherInstance other;
    private ApiClient otherApi;
    private MeterRegistry otherMeters;

    @Inject
    EmbeddedServer writer;

    @Override
    public Map<String, String> getProperties() {
        redis = FreezableRedis.start();
        return properties();
    }

    private Map<String, String> properties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        properties.put("redis.uri", redis.uri());
        properties.put("storefront.catalog.cache.near-ttl", "10m");
        properties.put("storefront.catalog.cache.near-liveness", "3s");
        properties.put("storefront.catalog.cache.near-heartbeat", "1s");
        return properties;
    }

    @BeforeAll
    void startTheOtherInstance() {
        other = OtherInstance.start(properties());
        otherApi = other.api();
        otherMeters = other.meters();
        await().atMost(Duration.ofSeconds(15)).until(() -> other.coherent());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            redis.close();
        } finally {
            if (other != null) {
                other.close();
            }
        }
    }

    @Test
    void withRedisFrozenTheOtherInstanceStopsServingItsOldCopyWithinTheLivenessBound() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Frozen near lamp", "near-frozen-test", 4999, 3);
        assertThat(OtherInstance.price(otherApi, sku)).isEqualTo(4999);
        double nearHits = other.nearHits();
        assertThat(OtherInstance.price(otherApi, sku)).isEqualTo(4999);
        assertThat(other.nearHits())
                .as("the other instance serves its own copy")
                .isEqualTo(nearHits + 1);

        redis.freeze();
        ApiClient.Response repriced = ApiClient.at(writer.getURI())
                .putJson(
                        "/api/v1/products/" + sku + "/price",
                        TestTokens.admin(),
                        "{\"amountMinor\":3999," + "\"currency\":\"EUR\"}");
        assertThat(repriced.status()).as("the write commits in Postgres").isEqualTo(200);
        long changed = System.nanoTime();

        await().atMost(STALENESS_BOUND)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> OtherInstance.price(otherApi, sku) == 3999);
        long staleMillis = Duration.ofNanos(System.nanoTime() - changed).toMillis();
        assertThat(other.coherent())
                .as("no copy is served while heartbeats are missing")
                .isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() -> lapses(otherMeters) >= 1);
        System.out.printf(
                "NEAR with Redis frozen, the other instance served the new price %d ms after the write (bound %d ms)%n",
                staleMillis, STALENESS_BOUND.toMillis());

        redis.thaw();
        long resumed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> other.coherent());
        System.out.printf(
                "NEAR heartbeats heard again %d ms after Redis resumed%n",
                Duration.ofNanos(System.nanoTime() - resumed).toMillis());
        // Once copies are served again, none of them is the old price: the frozen eviction ran at the resume, and the
        // copies from before the freeze were dropped when the heartbeats stopped.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            double before = other.nearHits();
            long price = OtherInstance.price(otherApi, sku);
            assertThat(price).as("never the old price after the resume").isEqualTo(3999);
            return other.nearHits() > before;
        });
    }

    private static double lapses(MeterRegistry meters) {
        return meters.get("storefront.cache.near.lapses").counter().count();
    }
}
