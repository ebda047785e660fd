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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redis frozen with SIGSTOP under a running catalog, rather than stopped: it keeps its connections and its data (the
 * cached old price among it) but answers nothing. Reads must keep answering from Postgres, each within a second,
 * while a price change goes through; once Redis resumes, reads served by the cache must show the new price, never
 * the old copy it still held. (A frozen server still receives what was written to its sockets: the evictions sent
 * during the freeze run when it resumes. That the product-event eviction keeps trying while Redis refuses
 * connections is covered by ConsumerLoopIT and ProductEventsKafkaListenerTest.)
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFrozenIT implements TestPropertyProvider {

    private static final Duration FROZEN = Duration.ofSeconds(6);

    private FreezableRedis redis;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        redis = FreezableRedis.start();
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        properties.put("redis.uri", redis.uri());
        return properties;
    }

    @AfterAll
    void stopRedis() throws Exception {
        redis.close();
    }

    private double hits() {
        return meters.get("storefront.cache.requests")
                .tag("result", "hit")
                .counter()
                .count();
    }

    private static long price(ApiClient.Response product) {
        return product.json().path("price").path("amountMinor").asLong();
    }

    @Test
    void readsStayQuickWhileRedisIsFrozenAndTheCacheServesThePriceChangedMeanwhileOnceItResumes() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Frozen lamp", "frozen-test", 2999, 2);
        ApiClient api = ApiClient.at(server.getURI());
        String path = "/api/v1/products/" + sku;
        assertThat(price(api.get(path))).isEqualTo(2999);
        assertThat(price(api.get(path))).as("served from the cache now").isEqualTo(2999);
        redis.freeze();
        long frozenAt = System.nanoTime();
        ApiClient.Response repriced =
                api.putJson(path + "/price", TestTokens.admin(), "{\"amountMinor\":1999,\"currency\":\"EUR\"}");
        assertThat(repriced.status()).isEqualTo(200);
        // While frozen, every read answers, from Postgres, and quickly.
        await().during(FROZEN).atMost(FROZEN.plusSeconds(10)).until(() -> {
            long started = System.nanoTime();
            ApiClient.Response read = api.get(path);
            return read.status() == 200
                    && price(read) == 1999
                    && Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) < 0;
        });
        redis.thaw();
        long resumedAt = System.nanoTime();

        // The frozen Redis still holds the old price; the eviction must land now that it answers. Only a read served
        // by the cache counts (right after the resume the cache's breaker may still send reads to Postgres).
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            double hitsBefore = hits();
            ApiClient.Response read = api.get(path);
            return read.status() == 200 && hits() > hitsBefore && price(read) == 1999;
        });
        assertThat(cachedPriceIsNotOld(sku)).isTrue();
        System.out.printf(
                "FAULT redis-sigstop: frozen=%d ms, reads answered from Postgres meanwhile, old price gone from the"
                        + " cache %d ms after resume%n",
                Duration.ofNanos(resumedAt - frozenAt).toMillis(),
                Duration.ofNanos(System.nanoTime() - resumedAt).toMillis());
    }

    /** Whether what Redis holds for the product is not the old price (a tombstone, the new entry, or nothing). */
    private boolean cachedPriceIsNotOld(String sku) {
        String cached = redis.get("catalog:product:v1:" + sku);
        return cached == null || !cached.contains("\"priceMinor\":2999");
    }
}
