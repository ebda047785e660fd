package dev.storefront.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.ServiceDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every service promises operationally, checked the same way for each: the shared token rules; open health that
 * reflects Postgres, Redis and Kafka; admin-only metrics and details; customer endpoints closed to anonymous callers; problem details
 * on every refusal; and a schema no other service's role can read. A service's test extends this (or
 * {@link CustomerServiceContract}) and says where it runs and which schema it owns.
 */
public abstract class ServiceContract {

    /** Where the service under test listens. */
    protected abstract URI baseUri();

    /** The schema and role the service owns. */
    protected abstract ServiceDatabase ownDatabase();

    /** A table of the service's own schema, for the isolation check. */
    protected abstract String ownTable();

    protected ApiClient api() {
        return ApiClient.at(baseUri());
    }

    /**
     * The shared token rules (public keys from the JWKS, then StrictTokenClaimsValidator): each token of
     * {@link RefusedTokens}, wrong in one claim or in its signature, gets a 401 problem on an ADMIN route; the
     * well-formed one does not.
     */
    @Test
    void aWellFormedTokenIsAccepted() {
        assertThat(api().get("/prometheus", RefusedTokens.acceptable(), "*/*").status())
                .isEqualTo(200);
    }

    /**
     * Key rotation by kid: the JWKS lists the key being retired and the one replacing it, and a token signed with
     * either is accepted (the refused ones include a key the JWKS does not list, under a listed kid and an unknown one).
     */
    @Test
    void aTokenOfEitherKeyOfARotationIsAccepted() {
        for (RSAKey key : List.of(TestKeys.PREVIOUS, TestKeys.CURRENT)) {
            String token = TestTokens.mint(key, "admin", List.of("ADMIN"), Duration.ofMinutes(5));

            assertThat(api().get("/prometheus", token, "*/*").status())
                    .as("signed with %s", key.getKeyID())
                    .isEqualTo(200);
        }
    }

    @TestFactory
    Stream<DynamicTest> aTokenWrongInOneClaimOrInItsSignatureIsRefusedWith401() {
        return RefusedTokens.all().entrySet().stream()
                .map(token -> DynamicTest.dynamicTest(token.getKey(), () -> {
                    ApiClient.Response response = api().get("/prometheus", token.getValue(), "*/*");
                    assertThat(response.status()).as(token.getKey()).isEqualTo(401);
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                }));
    }

    @Test
    void healthIsOpenAndUp() {
        ApiClient.Response health = api().get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthDetailsShowPostgresRedisAndKafkaUpToAnAdministrator() {
        JsonNode details = api().get("/health", TestTokens.admin()).json().path("details");

        assertThat(details.path("jdbc").path("status").asText()).isEqualTo("UP");
        assertThat(details.path("redis").path("status").asText()).isEqualTo("UP");
        assertThat(details.path("kafka").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthShowsACustomerOrAnAnonymousCallerTheStatusOnly() {
        for (ApiClient.Response health : java.util.List.of(
                api().get("/health", TestTokens.customer("customer-health")),
                api().get("/health"),
                api().get("/health/readiness", TestTokens.customer("customer-health")))) {
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.json().has("details"))
                    .as("details of %s", health.json())
                    .isFalse();
        }
        assertThat(api().get("/health/readiness", TestTokens.admin()).json().has("details"))
                .isTrue();
    }

    @Test
    void readinessIsOpenAndUp() {
        ApiClient.Response readiness = api().get("/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsAreForAdministratorsOnly() {
        assertThat(api().get("/prometheus").status()).isEqualTo(401);
        ApiClient.Response asCustomer = api().get("/prometheus", TestTokens.customer("alice"));
        assertThat(asCustomer.status()).isEqualTo(403);
        assertThat(asCustomer.problemType()).isEqualTo("forbidden");

        ApiClient.Response asAdmin = api().get("/prometheus", TestTokens.admin(), "text/plain");
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("jvm_memory_used_bytes");
    }

    /** The name the service's OpenAPI document is served under, e.g. {@code catalog-service-v1.yml}. */
    protected abstract String openApiDocument();

    /** Paths the OpenAPI document must describe: the API docs are generated from the code and checked here. */
    protected abstract List<String> documentedPaths();

    @Test
    void theOpenApiDocumentIsServedAndDescribesTheApi() {
        ApiClient.Response document = api().get("/swagger/" + openApiDocument(), null, "*/*");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).contains("openapi:");
        for (String path : documentedPaths()) {
            assertThat(document.body()).contains(path + ":");
        }
    }

    @Test
    void theOutboxAndInboxLiveInTheServicesOwnSchema() throws SQLException {
        try (Connection own = DriverManager.getConnection(
                        ServiceTestInfrastructure.jdbcUrl(ownDatabase()),
                        ownDatabase().role(),
                        ownDatabase().password());
                var tables = own.createStatement()
                        .executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                                + ownDatabase().schema() + "' AND table_name IN ('outbox', 'inbox')")) {
            List<String> found = new java.util.ArrayList<>();
            while (tables.next()) {
                found.add(tables.getString(1));
            }
            assertThat(found).containsExactlyInAnyOrder("outbox", "inbox");
        }
    }

    @Test
    void deadLettersAreForAdministratorsOnly() {
        assertThat(api().get("/admin/dead-letters/orders.order.v1").status()).isEqualTo(401);
        assertThat(api().get("/admin/dead-letters/orders.order.v1", TestTokens.customer("alice"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void noOtherServiceRoleCanReadThisServicesTables() throws SQLException {
        PostgresServer postgres = Infrastructure.forTests().postgres();
        String url = ServiceTestInfrastructure.jdbcUrl(ownDatabase());
        try (Connection own = DriverManager.getConnection(
                url, ownDatabase().role(), ownDatabase().password())) {
            own.createStatement().executeQuery("SELECT count(*) FROM " + ownTable());
        }
        for (ServiceDatabase other :
                List.of(ServiceDatabase.CATALOG, ServiceDatabase.ORDERS, ServiceDatabase.NOTIFICATION)) {
            if (other.equals(ownDatabase())) {
                continue;
            }
            DatabaseProvisioner.provision(postgres, other.inDatabase(ServiceTestInfrastructure.TEST_DATABASE));
            try (Connection foreign = DriverManager.getConnection(url, other.role(), other.password())) {
                assertThatThrownBy(() -> foreign.createStatement().executeQuery("SELECT count(*) FROM " + ownTable()))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState())
                                        .as("permission denied for " + other.role())
                                        .isEqualTo("42501"));
            }
        }
    }
}
