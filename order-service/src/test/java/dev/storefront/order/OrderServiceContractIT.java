package dev.storefront.order;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.CustomerServiceContract;
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
class OrderServiceContractIT extends CustomerServiceContract implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.ORDERS);
    }

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    protected ServiceDatabase ownDatabase() {
        return ServiceDatabase.ORDERS;
    }

    @Override
    protected String ownTable() {
        return "orders.orders";
    }

    @Override
    protected String customerEndpoint() {
        return "/api/v1/orders";
    }

    @Override
    protected String openApiDocument() {
        return "order-service-v1.yml";
    }

    @Override
    protected java.util.List<String> documentedPaths() {
        return java.util.List.of(
                "/api/v1/orders",
                "/api/v1/orders/{orderId}",
                "/api/v1/orders/{orderId}/cancel",
                "/api/v1/carts",
                "/api/v1/carts/{cartId}",
                "/api/v1/carts/{cartId}/items/{sku}");
    }
}
