package dev.storefront.notification;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TokenRulesContract;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** notification-service refuses every token that breaks the shared token rules. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRulesIT extends TokenRulesContract implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION);
    }

    @Override
    protected URI serviceUri() {
        return server.getURI();
    }
}
