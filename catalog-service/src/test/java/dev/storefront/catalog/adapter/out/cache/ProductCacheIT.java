package dev.storefront.catalog.adapter.out.cache;

import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.catalog.application.port.out.ProductCache;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Redis product cache under a stampede, against real Redis and Postgres. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductCacheIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Inject
    MeterRegistry meters;

    @Inject
    ProductCache cache;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new java.util.HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        // These tests are about what the cache does while Redis answers; on a busy machine a 100 ms budget can trip the
        // breaker and turn them into degraded-mode tests (RedisOutageIT covers that).
        properties.put("storefront.catalog.cache.timeout", "2s");
        // The Redis tier on its own: these tests change Redis behind the service's back (an entry deleted as if it had
        // expired, a load held up), which each instance's near copies would hide. NearCacheIT covers those copies.
        properties.put("storefront.catalog.cache.near-enabled", "false");
        return properties;
    }

    private double databaseLoads() {
        return meters.get("storefront.cache.loads").timer().count();
    }

    private double requests(String result) {
        return meters.get("storefront.cache.requests")
                .tag("result", result)
                .counter()
                .count();
    }

    @Test
    void twoHundredReadersOfAHotProductWhoseEntryJustExpiredCauseAtMostTwoDatabaseLoads() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Hot chair", "cache-test", 4999, 3);
        ApiClient api = ApiClient.at(server.getURI());
        assertThat(api.get("/api/v1/products/" + sku).status()).isEqualTo(200);
        redis.sync().del("catalog:product:v1:" + sku);
        double loadsBefore = databaseLoads();

        ExecutorService readers = Executors.newFixedThreadPool(200);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add(readers.submit(() -> {
                go.await();
                return api.get("/api/v1/products/" + sku).status();
            }));
        }
        go.countDown();
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        readers.shutdown();

        assertThat(databaseLoads() - loadsBefore).isBetween(1.0, 2.0);
    }

    @Test
    void hotReadsAreServedFromTheCache() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Popular lamp", "cache-test", 1999, 3);
        ApiClient api = ApiClient.at(server.getURI());
        api.get("/api/v1/products/" + sku);
        double loadsBefore = databaseLoads();
        double hitsBefore = requests("hit");

        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/api/v1/products/" + sku).json().path("name").asText())
                    .isEqualTo("Popular lamp");
        }

        assertThat(databaseLoads()).isEqualTo(loadsBefore);
        assertThat(requests("hit") - hitsBefore).isEqualTo(20);
        assertThat(redis.sync().pttl("catalog:product:v1:" + sku))
                .as("TTL with jitter: between 6 and 7.2 hours")
                .isBetween(6 * 3_600_000L - 60_000L, 7 * 3_600_000L + 12 * 60_000L + 1);
    }

    @Test
    void anUnknownSkuIsRememberedBrieflySoItDoesNotHitTheDatabaseEachTime() {
        ApiClient api = ApiClient.at(server.getURI());
        String sku = newSku();
        assertThat(api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
        double loadsBefore = databaseLoads();

        assertThat(api.get("/api/v1/products/" + sku).status()).isEqualTo(404);

        assertThat(databaseLoads()).isEqualTo(loadsBefore);
        assertThat(redis.sync().pttl("catalog:product:v1:" + sku)).isBetween(1L, 30_000L);
    }

    @Test
    void aProductCreatedAfterA404IsVisibleAtOnce() throws Exception {
        ApiClient api = ApiClient.at(server.getURI());
        String sku = newSku();
        assertThat(api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
        CatalogTestData.category("cache-test");

        assertThat(api.postJson("/api/v1/products", dev.storefront.testing.TestTokens.admin(), """
                        {"sku":"%s","name":"New arrival","category":"cache-test",
                         "price":{"amountMinor":100,"currency":"EUR"}}""".formatted(sku))
                        .status())
                .isEqualTo(201);

        assertThat(api.get("/api/v1/products/" + sku).status()).isEqualTo(200);
    }

    @Test
    void aLoadThatReadTheOldVersionAndFinishesAfterTheEvictionCannotCacheIt() throws Exception {
        Sku sku = Sku.of(newSku());
        Product before = product(sku, 100, 1);
        Product after = product(sku, 200, 2);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Product>> slowRead = reader.submit(() -> cache.getOrLoad(sku, () -> {
                loading.countDown();
                try {
                    committed.await();
                    // The slow part of the fault: this load finishes well after the writer's eviction.
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(before);
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            // The writer commits version 2 and evicts while the reader still holds version 1.
            assertThat(cache.evict(sku, after.version())).isTrue();
            committed.countDown();
            assertThat(slowRead.get(10, TimeUnit.SECONDS)).contains(before);
        } finally {
            reader.shutdownNow();
        }

        AtomicInteger loads = new AtomicInteger();
        Optional<Product> next = cache.getOrLoad(sku, () -> {
            loads.incrementAndGet();
            return Optional.of(after);
        });

        assertThat(loads)
                .as("version 1 was not cached over the eviction of version 2")
                .hasValue(1);
        assertThat(next).contains(after);
        assertThat(cache.getOrLoad(sku, Optional::empty))
                .as("version 2 is cached now")
                .contains(after);
    }

    @Test
    void anEvictionOfAnOlderVersionDoesNotLetAnOlderCopyBackIn() {
        Sku sku = Sku.of(newSku());
        assertThat(cache.evict(sku, 5)).isTrue();
        assertThat(cache.evict(sku, 3))
                .as("a late, older eviction is confirmed, and changes nothing")
                .isTrue();

        cache.getOrLoad(sku, () -> Optional.of(product(sku, 100, 4)));

        assertThat(cache.getOrLoad(sku, () -> Optional.of(product(sku, 300, 5))))
                .as("version 4 was refused, version 5 loaded")
                .contains(product(sku, 300, 5));
    }

    private static Product product(Sku sku, long priceMinor, long version) {
        return new Product(
                sku, new ProductDetails("Cached", "", "cache-test", true), Money.of(priceMinor, "EUR"), version);
    }
}
