package dev.storefront.catalog;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ServiceContract;
import dev.storefront.testing.ServiceTestInfrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogServiceContractIT extends ServiceContract implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG);
    }

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    protected ServiceDatabase ownDatabase() {
        return ServiceDatabase.CATALOG;
    }

    @Override
    protected String ownTable() {
        return "catalog.categories";
    }

    @Override
    protected String openApiDocument() {
        return "catalog-service-v1.yml";
    }

    @Override
    protected java.util.List<String> documentedPaths() {
        return java.util.List.of("/api/v1/products", "/api/v1/products/{sku}", "/api/v1/categories");
    }
}
