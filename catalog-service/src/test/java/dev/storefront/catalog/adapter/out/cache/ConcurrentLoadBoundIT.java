package dev.storefront.catalog.adapter.out.cache;

import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Product reads past {@code max-concurrent-loads} are refused at once. The test takes every connection of the
 * service's own pool, so the reads that reach Postgres wait for one (up to the pool's connection timeout, 2 s here);
 * with two such reads under way, a third must answer 503 catalog-busy at once instead of queueing behind them
 * (without the bound it would wait as they do), and the two must answer 503 database-busy when their wait runs out
 * (without {@code NoPooledConnectionExceptionHandler}, a 500).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentLoadBoundIT implements TestPropertyProvider {

    private static final int BOUND = 2;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        // Every read is a load: the bound is what is measured, not the cache.
        properties.put("storefront.catalog.cache.enabled", "false");
        properties.put("storefront.catalog.cache.max-concurrent-loads", Integer.toString(BOUND));
        properties.put("datasources.default.maximum-pool-size", "4");
        properties.put("datasources.default.minimum-idle", "4");
        properties.put("datasources.default.connection-timeout", "2000");
        return properties;
    }

    @Test
    void aReadPastTheBoundAnswers503AtOnceWhileTheOthersWaitForAConnection() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Busy lamp", "load-bound-test", 1500, 3);
        ApiClient api = ApiClient.at(server.getURI());
        String path = "/api/v1/products/" + sku;
        assertThat(api.get(path).status()).isEqualTo(200);

        List<Connection> held = new ArrayList<>();
        List<CompletableFuture<ApiClient.Response>> waiting = new ArrayList<>();
        ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
        ApiClient.Response refused;
        long took;
        try {
            for (int i = 0; i < 4; i++) {
                // The pool itself, not the contextual proxy the service's code uses.
                held.add(DelegatingDataSource.unwrapDataSource(dataSource).getConnection());
            }
            for (int i = 0; i < BOUND; i++) {
                // A thread each: the common pool may have a single worker on two cores.
                waiting.add(CompletableFuture.supplyAsync(() -> api.get(path), readers));
            }
            // Only once both are under way (and waiting for a connection) is the third sent.
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> meters.get("storefront.catalog.reads.loading")
                                    .gauge()
                                    .value()
                            == BOUND);
            double before = refusedReads();
            long started = System.nanoTime();
            refused = api.get(path);
            took = System.nanoTime() - started;
            assertThat(refusedReads()).isGreaterThan(before);
            // The reads under way wait out the pool's connection timeout: 503 database-busy, not a 500.
            for (CompletableFuture<ApiClient.Response> read : waiting) {
                ApiClient.Response answer = read.get(10, TimeUnit.SECONDS);
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.json().path("code").asText()).isEqualTo("database-busy");
                assertThat(answer.header("Retry-After")).isNotBlank();
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            readers.shutdown();
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.problemType()).isEqualTo("service-unavailable");
        assertThat(refused.json().path("code").asText()).isEqualTo("catalog-busy");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(Duration.ofNanos(took))
                .as("refused at once, not after waiting for a connection")
                .isLessThan(Duration.ofMillis(500));
        assertThat(api.get(path).status()).as("and the next read is served").isEqualTo(200);
    }

    private double refusedReads() {
        return meters.get("storefront.catalog.reads.refused").counter().count();
    }
}
