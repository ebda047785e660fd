package dev.storefront.catalog.security;

import dev.storefront.catalog.CatalogTestData;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.OwaspApiTop10Contract;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;

/**
 * The OWASP API Top 10 checks against catalog-service. Nothing in the catalog belongs to a customer (API1 has no
 * route to try); every write is an administrator's (API5).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogOwaspApiTop10IT extends OwaspApiTop10Contract implements TestPropertyProvider {

    private static final String CATEGORY = "owasp-checks";

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG);
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
        return "catalog-service-v1.yml";
    }

    @Override
    protected Map<String, String> resourcesOf(String owner) {
        try {
            CatalogTestData.category(CATEGORY);
            String sku = CatalogTestData.newSku();
            CatalogTestData.product(sku, "OWASP lamp", CATEGORY, 1_999, 5);
            return Map.of("sku", sku, "slug", CATEGORY, "topic", "orders.order.v1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Set<String> ownedPathVariables() {
        return Set.of();
    }

    @Override
    protected String sampleBody(Route route, Map<String, String> values) {
        return switch (route.method() + " " + route.template()) {
            case "POST /api/v1/categories" ->
                "{\"slug\":\"owasp-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"OWASP\"}";
            case "POST /api/v1/products" ->
                "{\"sku\":\"" + CatalogTestData.newSku()
                        + "\",\"name\":\"OWASP chair\",\"description\":\"d\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":1999,\"currency\":\"EUR\"},\"initialStock\":3}";
            case "PUT /api/v1/products/{sku}" ->
                "{\"name\":\"OWASP lamp\",\"description\":\"d\",\"category\":\"" + CATEGORY + "\",\"active\":true}";
            case "PUT /api/v1/products/{sku}/price" -> "{\"amountMinor\":2999,\"currency\":\"EUR\"}";
            case "POST /api/v1/products/{sku}/stock-adjustments" -> "{\"delta\":1,\"reason\":\"owasp\"}";
            default -> "{}";
        };
    }

    @Override
    protected Map<String, String> sampleHeaders(Route route, Map<String, String> values) {
        if (route.method().equals("PUT") && route.template().startsWith("/api/v1/products/{sku}")) {
            String etag = ApiClient.at(server.getURI())
                    .get("/api/v1/products/" + values.get("sku"))
                    .header("ETag");
            return etag == null ? Map.of() : Map.of("If-Match", etag);
        }
        return Map.of();
    }

    @Override
    protected String ownerView(String owner, Map<String, String> values) {
        String sku = values.get("sku");
        ApiClient api = ApiClient.at(server.getURI());
        return api.get("/api/v1/products/" + sku).body()
                + api.get("/api/v1/products/" + sku + "/stock").body();
    }
}
