package dev.storefront.catalog.adapter.out.cache;

import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.infra.Network;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.embedded.RedisServer;

/**
 * Redis stopped under a running service: reads and writes keep answering from Postgres. This test owns its Redis (an
 * embedded server) so it can stop it without disturbing anything else.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageIT implements TestPropertyProvider {

    private RedisServer redis;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        int port = Network.freePort();
        try {
            redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            redis.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        properties.put("redis.uri", "redis://127.0.0.1:" + port);
        return properties;
    }

    @AfterAll
    void stopRedis() throws IOException {
        if (redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    void withRedisStoppedReadsStay200FromPostgresAndAWriteStillSucceeds() throws Exception {
        String sku = newSku();
        CatalogTestData.product(sku, "Resilient rug", "outage-test", 2999, 2);
        ApiClient api = ApiClient.at(server.getURI());
        assertThat(api.get("/api/v1/products/" + sku).status())
                .as("cached while Redis is up")
                .isEqualTo(200);

        redis.stop();

        for (int i = 0; i < 30; i++) {
            ApiClient.Response read = api.get("/api/v1/products/" + sku);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("name").asText()).isEqualTo("Resilient rug");
        }
        assertThat(meters.get("storefront.cache.requests")
                        .tag("result", "error")
                        .counter()
                        .count())
                .isPositive();

        // The write's eviction fails while Redis is away; the write itself must not. (What the cache serves after Redis
        // is back is RedisFrozenIT's subject: a stopped embedded Redis comes back empty.)
        ApiClient.Response repriced = api.putJson(
                "/api/v1/products/" + sku + "/price",
                TestTokens.admin(),
                "{\"amountMinor\":1999,\"currency\":\"EUR\"}");
        assertThat(repriced.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/products/" + sku)
                        .json()
                        .path("price")
                        .path("amountMinor")
                        .asLong())
                .isEqualTo(1999);
    }
}
