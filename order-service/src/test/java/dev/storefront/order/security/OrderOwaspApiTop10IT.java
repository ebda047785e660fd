package dev.storefront.order.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.OwaspApiTop10Contract;
import dev.storefront.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The OWASP API Top 10 checks against order-service: carts and orders are the customer-owned resources. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderOwaspApiTop10IT extends OwaspApiTop10Contract implements TestPropertyProvider {

    private final FakeCatalog catalog = FakeCatalog.start();

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    private String sku;

    @Override
    public Map<String, String> getProperties() {
        return OrderTestSupport.properties(catalog);
    }

    @AfterAll
    void stopCatalog() {
        catalog.close();
    }

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    protected ApplicationContext context() {
        return context;
    }

    @Override
    protected String openApiDocument() {
        return "order-service-v1.yml";
    }

    private ApiClient api() {
        return ApiClient.at(server.getURI());
    }

    private String cartOf(String token) {
        String cart = api().send("POST", "/api/v1/carts", token, Map.of(), null)
                .json()
                .path("id")
                .asText();
        assertThat(api().send("PUT", "/api/v1/carts/" + cart + "/items/" + sku, token, Map.of(), "{\"quantity\":1}")
                        .status())
                .isEqualTo(200);
        return cart;
    }

    @Override
    protected Map<String, String> resourcesOf(String owner) {
        sku = OrderTestSupport.newSku();
        catalog.product(sku, 1_250, true);
        String token = TestTokens.customer(owner);
        String ordered = cartOf(token);
        ApiClient.Response placed = api().send(
                        "POST",
                        "/api/v1/orders",
                        token,
                        Map.of("Idempotency-Key", "owasp-" + UUID.randomUUID()),
                        "{\"cartId\":\"" + ordered + "\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return Map.of(
                "cartId",
                cartOf(token),
                "orderId",
                placed.json().path("id").asText(),
                "sku",
                sku,
                "topic",
                "orders.order.v1");
    }

    @Override
    protected Set<String> ownedPathVariables() {
        return Set.of("cartId", "orderId");
    }

    @Override
    protected String sampleBody(Route route, Map<String, String> values) {
        return switch (route.method() + " " + route.template()) {
            case "PUT /api/v1/carts/{cartId}/items/{sku}" -> "{\"quantity\":2}";
            case "POST /api/v1/orders" -> "{\"cartId\":\"" + values.get("cartId") + "\"}";
            case "POST /api/v1/orders/{orderId}/cancel" -> "{\"reason\":\"changed my mind\"}";
            default -> "{}";
        };
    }

    @Override
    protected Map<String, String> sampleHeaders(Route route, Map<String, String> values) {
        return route.template().equals("/api/v1/orders") && route.method().equals("POST")
                ? Map.of("Idempotency-Key", "owasp-" + UUID.randomUUID())
                : Map.of();
    }

    @Override
    protected String ownerView(String owner, Map<String, String> values) {
        String token = TestTokens.customer(owner);
        return api().get("/api/v1/carts/" + values.get("cartId"), token).body()
                + api().get("/api/v1/orders/" + values.get("orderId"), token).body();
    }
}
