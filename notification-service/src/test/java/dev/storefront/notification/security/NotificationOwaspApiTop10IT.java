package dev.storefront.notification.security;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.domain.OrderSummary;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.OwaspApiTop10Contract;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;

/** The OWASP API Top 10 checks against notification-service: a customer's notifications are what they own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationOwaspApiTop10IT extends OwaspApiTop10Contract implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @Inject
    RecordOrderNotificationUseCase notifications;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION));
        properties.put("storefront.messaging.consumer.enabled", "false");
        return properties;
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
        return "notification-service-v1.yml";
    }

    @Override
    protected Map<String, String> resourcesOf(String owner) {
        notifications.orderPlaced(
                UUID.randomUUID(),
                new OrderSummary(
                        UUID.randomUUID().toString(),
                        CustomerId.of(owner),
                        List.of(new OrderSummary.Line("LAMP-1", 1, Money.of(1250, "EUR"))),
                        Money.of(1250, "EUR")));
        String id = ApiClient.at(server.getURI())
                .get("/api/v1/notifications", TestTokens.customer(owner))
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asText();
        return Map.of("id", id, "topic", "orders.order.v1");
    }

    @Override
    protected Set<String> ownedPathVariables() {
        return Set.of("id");
    }

    @Override
    protected String ownerView(String owner, Map<String, String> values) {
        return ApiClient.at(server.getURI())
                .get("/api/v1/notifications", TestTokens.customer(owner))
                .body();
    }
}
