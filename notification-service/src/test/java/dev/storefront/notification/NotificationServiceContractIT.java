package dev.storefront.notification;

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
class NotificationServiceContractIT extends CustomerServiceContract implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION);
    }

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    protected ServiceDatabase ownDatabase() {
        return ServiceDatabase.NOTIFICATION;
    }

    @Override
    protected String ownTable() {
        return "notification.notifications";
    }

    @Override
    protected String customerEndpoint() {
        return "/api/v1/notifications";
    }

    @Override
    protected String openApiDocument() {
        return "notification-service-v1.yml";
    }

    @Override
    protected java.util.List<String> documentedPaths() {
        return java.util.List.of(
                "/api/v1/notifications",
                "/api/v1/notifications/{id}/read",
                "/api/v1/notifications/{id}/deliveries",
                "/api/v1/notifications/stream",
                "/admin/notifications/deliveries",
                "/admin/notifications/deliveries/{id}/retry");
    }
}
