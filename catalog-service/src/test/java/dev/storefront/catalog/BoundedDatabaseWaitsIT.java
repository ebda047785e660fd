package dev.storefront.catalog;

import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No write waits on Postgres without a bound: with another session holding the row a request needs, the request
 * answers 503 database-busy within the lock timeout (2 s, application.yml) instead of waiting for that session, and
 * changes nothing. Without the timeout each request below would wait as long as the other session holds its lock.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedDatabaseWaitsIT implements TestPropertyProvider {

    /** The lock timeout plus room for a busy machine; far below how long the other session holds the lock. */
    private static final Duration BOUND = Duration.ofMillis(4_500);

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG);
    }

    /** Another session that locks one row and keeps it locked until closed. */
    private static Connection holding(String sql, String sku) throws Exception {
        Connection other = CatalogTestData.connect();
        other.setAutoCommit(false);
        try (PreparedStatement lock = other.prepareStatement(sql)) {
            lock.setString(1, sku);
            lock.executeQuery().close();
        }
        return other;
    }

    private static void assertBusy(ApiClient.Response response, Duration took) {
        assertThat(took).isLessThan(BOUND);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.problemType()).isEqualTo("service-unavailable");
        assertThat(response.json().path("code").asText()).isEqualTo("database-busy");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    @Test
    void aStockAdjustmentBehindAHeldStockLockAnswers503AndChangesNothing() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Locked stock", "bounded-waits", 100, 10);
        ApiClient api = ApiClient.at(server.getURI());
        String adjustment = "/api/v1/products/" + sku + "/stock-adjustments";

        try (Connection other = holding("SELECT on_hand FROM stock WHERE sku = ? FOR UPDATE", sku)) {
            long started = System.nanoTime();
            ApiClient.Response response = api.postJson(adjustment, TestTokens.admin(), "{\"delta\":5}");
            assertBusy(response, Duration.ofNanos(System.nanoTime() - started));
            other.rollback();
        }

        assertThat(CatalogTestData.count("SELECT on_hand FROM stock WHERE sku = ?", sku))
                .isEqualTo(10);
        ApiClient.Response retried = api.postJson(adjustment, TestTokens.admin(), "{\"delta\":5}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(CatalogTestData.count("SELECT on_hand FROM stock WHERE sku = ?", sku))
                .isEqualTo(15);
    }

    @Test
    void aProductRevisionBehindAHeldProductLockAnswers503AndChangesNothing() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Locked product", "bounded-waits", 100, 10);
        ApiClient api = ApiClient.at(server.getURI());
        String revision = "{\"name\":\"Renamed\",\"description\":\"\",\"category\":\"bounded-waits\",\"active\":true}";

        try (Connection other = holding("SELECT name FROM products WHERE sku = ? FOR UPDATE", sku)) {
            long started = System.nanoTime();
            ApiClient.Response response = api.send(
                    "PUT", "/api/v1/products/" + sku, TestTokens.admin(), Map.of("If-Match", "\"v1\""), revision);
            assertBusy(response, Duration.ofNanos(System.nanoTime() - started));
            other.rollback();
        }

        assertThat(CatalogTestData.count(
                        "SELECT count(*) FROM products WHERE sku = ? AND name = 'Locked product'", sku))
                .isOne();
    }
}
