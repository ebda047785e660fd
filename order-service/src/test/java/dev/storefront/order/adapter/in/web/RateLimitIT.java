package dev.storefront.order.adapter.in.web;

import static dev.storefront.order.OrderTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rate limits against real Redis: cart writes limited to three a minute per customer, in buckets shared by every
 * instance. Over the limit a write is refused with 429 and changes nothing; with Redis unreachable, requests go
 * through (the default) or are refused with 503 (fail-closed).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT implements TestPropertyProvider {

    private static final int CART_WRITES = 3;

    /** Further instances serve HTTP only: they stay out of the consumer groups and leave the outbox alone. */
    private static final Map<String, String> SECOND_INSTANCE =
            Map.of("storefront.messaging.relay.enabled", "false", "storefront.messaging.consumer.enabled", "false");

    private final FakeCatalog catalog = FakeCatalog.start();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return properties(Map.of());
    }

    private Map<String, String> properties(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(OrderTestSupport.properties(catalog));
        properties.put("storefront.rate-limits.enabled", "true");
        properties.put("storefront.rate-limits.rules.cart-writes.subject-capacity", Integer.toString(CART_WRITES));
        properties.put("storefront.rate-limits.rules.cart-writes.period", "1m");
        properties.putAll(overrides);
        return properties;
    }

    @AfterAll
    void stopCatalog() {
        catalog.close();
    }

    private static String customer() {
        return TestTokens.customer("cust-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static ApiClient.Response openCart(ApiClient api, String token) {
        return api.send("POST", "/api/v1/carts", token, Map.of(), null);
    }

    private static ApiClient.Response put(ApiClient api, String token, String cart, String sku, int quantity) {
        return api.send(
                "PUT", "/api/v1/carts/" + cart + "/items/" + sku, token, Map.of(), "{\"quantity\":" + quantity + "}");
    }

    @Test
    void aCustomerOverTheCartWriteLimitIsRefused429WithRetryAfterAndTheCartIsUnchanged() {
        ApiClient api = ApiClient.at(server.getURI());
        String token = customer();
        String chair = newSku();
        catalog.product(chair, 4_999, true);

        ApiClient.Response opened = openCart(api, token);
        String cart = opened.json().path("id").asText();
        ApiClient.Response first = put(api, token, cart, chair, 1);
        ApiClient.Response second = put(api, token, cart, chair, 2);
        ApiClient.Response refused = put(api, token, cart, chair, 5);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(second.header("RateLimit-Policy")).isEqualTo(CART_WRITES + ";w=60");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("too-many-requests");
        assertThat(refused.json().path("code").asText()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo(Integer.toString(CART_WRITES));
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(api.get("/api/v1/carts/" + cart, token)
                        .json()
                        .path("lines")
                        .get(0)
                        .path("quantity")
                        .asInt())
                .as("the refused write changed nothing")
                .isEqualTo(2);

        assertThat(openCart(api, customer()).status())
                .as("another customer has a bucket of their own")
                .isEqualTo(201);
        assertThat(api.get("/api/v1/carts/" + cart, token).status())
                .as("reads are limited separately")
                .isEqualTo(200);
    }

    @Test
    void everyInstanceCountsAgainstTheSameBucket() {
        try (ApplicationContext other = ApplicationContext.run(new HashMap<>(properties(SECOND_INSTANCE)))) {
            EmbeddedServer second = other.getBean(EmbeddedServer.class);
            if (!second.isRunning()) {
                second.start();
            }
            ApiClient here = ApiClient.at(server.getURI());
            ApiClient there = ApiClient.at(second.getURI());
            String token = customer();

            assertThat(openCart(here, token).status()).isEqualTo(201);
            assertThat(openCart(there, token).status()).isEqualTo(201);
            assertThat(openCart(here, token).status()).isEqualTo(201);
            assertThat(openCart(there, token).status())
                    .as("the fourth write, wherever it lands")
                    .isEqualTo(429);
        }
    }

    @Test
    void withRedisUnreachableRequestsGoThroughAndAreCountedUnlessFailClosed() {
        Map<String, String> unreachable = new HashMap<>(SECOND_INSTANCE);
        unreachable.put("storefront.rate-limits.redis-uri", "redis://127.0.0.1:1");
        try (ApplicationContext open = ApplicationContext.run(new HashMap<>(properties(unreachable)))) {
            EmbeddedServer instance = open.getBean(EmbeddedServer.class);
            if (!instance.isRunning()) {
                instance.start();
            }
            String token = customer();
            ApiClient api = ApiClient.at(instance.getURI());
            for (int write = 0; write <= CART_WRITES; write++) {
                assertThat(openCart(api, token).status()).as("write %d", write).isEqualTo(201);
            }
            assertThat(open.getBean(MeterRegistry.class)
                            .get("storefront.ratelimit.unavailable")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(CART_WRITES + 1);
        }
        Map<String, String> closed = new HashMap<>(unreachable);
        closed.put("storefront.rate-limits.fail-closed", "true");
        try (ApplicationContext strict = ApplicationContext.run(new HashMap<>(properties(closed)))) {
            EmbeddedServer instance = strict.getBean(EmbeddedServer.class);
            if (!instance.isRunning()) {
                instance.start();
            }
            ApiClient.Response refused = openCart(ApiClient.at(instance.getURI()), customer());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.problemType()).isEqualTo("service-unavailable");
            assertThat(refused.json().path("code").asText()).isEqualTo("rate-limit-unavailable");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
        }
    }
}
