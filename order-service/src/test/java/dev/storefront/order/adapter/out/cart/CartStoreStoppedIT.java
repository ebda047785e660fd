package dev.storefront.order.adapter.out.cart;

import static dev.storefront.order.OrderTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.infra.Network;
import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.embedded.RedisServer;

/**
 * Carts live in Redis only (ADR 0018). With that Redis stopped under a running service, every cart operation, and
 * checkout, answers a 503 problem with Retry-After within the configured command timeout - never a hang or a 500 -
 * and carts work again once Redis is back. The test owns its Redis (an embedded server) so it can stop it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CartStoreStoppedIT implements TestPropertyProvider {

    /** The cart store's command timeout is 500 ms; a request makes at most a few such waits. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    private final FakeCatalog catalog = FakeCatalog.start();
    private final int port = Network.freePort();
    private RedisServer redis;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        redis = startRedis();
        Map<String, String> properties = new HashMap<>(OrderTestSupport.properties(catalog));
        properties.put("redis.uri", "redis://127.0.0.1:" + port);
        return properties;
    }

    private RedisServer startRedis() {
        try {
            RedisServer started =
                    RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            started.start();
            return started;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() throws IOException {
        catalog.close();
        if (redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    void withRedisStoppedCartsAndCheckoutAnswer503InTimeAndCartsWorkAgainOnceItIsBack() throws Exception {
        ApiClient api = ApiClient.at(server.getURI());
        String customer = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.customer(customer);
        String sku = newSku();
        catalog.product(sku, 2_500, true);
        String cart = api.send("POST", "/api/v1/carts", token, Map.of(), null)
                .json()
                .path("id")
                .asText();
        assertThat(api.send("PUT", "/api/v1/carts/" + cart + "/items/" + sku, token, Map.of(), "{\"quantity\":1}")
                        .status())
                .isEqualTo(200);

        redis.stop();

        List<String[]> requests = List.of(
                new String[] {"POST", "/api/v1/carts", null},
                new String[] {"GET", "/api/v1/carts/" + cart, null},
                new String[] {"PUT", "/api/v1/carts/" + cart + "/items/" + sku, "{\"quantity\":2}"},
                new String[] {"DELETE", "/api/v1/carts/" + cart + "/items/" + sku, null},
                new String[] {"POST", "/api/v1/orders", "{\"cartId\":\"" + cart + "\"}"});
        for (String[] request : requests) {
            long started = System.nanoTime();
            ApiClient.Response response = api.send(
                    request[0],
                    request[1],
                    token,
                    Map.of("Idempotency-Key", "outage-" + UUID.randomUUID()),
                    request[2]);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            String what = request[0] + " " + request[1];
            assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(503);
            assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(response.json().path("code").asText()).as(what).isEqualTo("cart-store-unavailable");
            assertThat(response.header("Retry-After")).as(what).isNotBlank();
            assertThat(took).as(what).isLessThan(BOUND);
        }
        assertThat(OrderTestSupport.count("SELECT count(*) FROM orders WHERE customer_id = ?", customer))
                .as("nothing was placed")
                .isZero();

        redis = startRedis();

        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        api.send("POST", "/api/v1/carts", token, Map.of(), null).status() == 201);
    }
}
