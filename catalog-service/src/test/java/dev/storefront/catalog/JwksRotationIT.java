package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.infra.SigningKeys;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestKeys;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Key rotation against a JWKS endpoint, as a deployment sees Keycloak's: the service reads the JWK Set over HTTP
 * (here kept for a second instead of a minute) and follows it without a restart. A new key is trusted once published,
 * the old one stays trusted until it is withdrawn, and an endpoint that fails lets no token in.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksRotationIT implements TestPropertyProvider {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /** What the endpoint serves; null answers 503. */
    private final AtomicReference<String> published = new AtomicReference<>(jwks(TestKeys.PREVIOUS));

    private HttpServer issuer;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        issuer = startIssuer();
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG));
        properties.put(
                ServiceTestInfrastructure.JWKS_URL_PROPERTY,
                "http://127.0.0.1:" + issuer.getAddress().getPort()
                        + "/realms/storefront/protocol/openid-connect/certs");
        properties.put("micronaut.security.token.jwt.signatures.jwks.storefront.cache-expiration", "1");
        return properties;
    }

    @AfterAll
    void stopIssuer() {
        issuer.stop(0);
    }

    @Test
    @Order(1)
    void beforeTheRotationOnlyTheOldKeyIsTrusted() {
        assertThat(status(TestKeys.PREVIOUS)).isEqualTo(200);
        assertThat(status(TestKeys.CURRENT)).isEqualTo(401);
    }

    @Test
    @Order(2)
    void aNewKeyIsTrustedOnceTheJwksPublishesItAndTheOldOneStillIs() {
        published.set(jwks(TestKeys.PREVIOUS, TestKeys.CURRENT));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(status(TestKeys.CURRENT)).isEqualTo(200));
        assertThat(status(TestKeys.PREVIOUS)).isEqualTo(200);
        assertThat(status(TestKeys.UNPUBLISHED))
                .as("a key under the new kid that is not the new key")
                .isEqualTo(401);
    }

    @Test
    @Order(3)
    void theOldKeyIsRefusedOnceWithdrawn() {
        published.set(jwks(TestKeys.CURRENT));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(status(TestKeys.PREVIOUS)).isEqualTo(401));
        assertThat(status(TestKeys.CURRENT)).isEqualTo(200);
    }

    @Test
    @Order(4)
    void anEndpointThatFailsLetsNoTokenInAndTheServiceRecoversWithIt() {
        published.set(null);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(status(TestKeys.CURRENT)).isEqualTo(401));

        published.set(jwks(TestKeys.CURRENT));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(status(TestKeys.CURRENT)).isEqualTo(200));
    }

    /** What an ADMIN route answers a token signed with {@code key}. */
    private int status(RSAKey key) {
        String token = TestTokens.mint(key, "admin", List.of("ADMIN"), Duration.ofMinutes(5));
        return ApiClient.at(server.getURI()).get("/prometheus", token, "*/*").status();
    }

    private static String jwks(RSAKey... keys) {
        return SigningKeys.publicJwks(List.of(keys));
    }

    private HttpServer startIssuer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/realms/storefront/protocol/openid-connect/certs", exchange -> {
                String body = published.get();
                byte[] bytes = (body == null ? "unavailable" : body).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
