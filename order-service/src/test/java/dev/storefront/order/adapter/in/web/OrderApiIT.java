package dev.storefront.order.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A customer's order history through real HTTP against real Postgres. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderApiIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.ORDERS);
    }

    private List<UUID> givenOrders(String customer, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection db = DriverManager.getConnection(
                        ServiceTestInfrastructure.jdbcUrl(ServiceDatabase.ORDERS),
                        ServiceDatabase.ORDERS.role(),
                        ServiceDatabase.ORDERS.password());
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO orders (id, customer_id, status, placed_at) VALUES (?, ?, 'PENDING', ?)")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, customer);
                insert.setTimestamp(3, Timestamp.from(start.plusSeconds(i)));
                insert.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void aCustomerSeesOnlyTheirOwnOrdersNewestFirst() throws SQLException {
        String alice = "alice-" + UUID.randomUUID();
        List<UUID> hers = givenOrders(alice, 3);
        givenOrders("bob-" + UUID.randomUUID(), 2);

        JsonNode listed = ApiClient.at(server.getURI())
                .get("/api/v1/orders", TestTokens.customer(alice))
                .json();

        assertThat(listed).hasSize(3);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(hers.get(2).toString());
        assertThat(listed.get(2).path("id").asText()).isEqualTo(hers.get(0).toString());
        assertThat(listed.get(0).path("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void theListingIsBoundedByTheRequestedLimit() throws SQLException {
        String carol = "carol-" + UUID.randomUUID();
        givenOrders(carol, 3);

        JsonNode listed = ApiClient.at(server.getURI())
                .get("/api/v1/orders?limit=2", TestTokens.customer(carol))
                .json();

        assertThat(listed).hasSize(2);
    }

    @Test
    void aLimitOutsideTheBoundsIsAValidationProblem() {
        ApiClient api = ApiClient.at(server.getURI());

        ApiClient.Response tooMany = api.get("/api/v1/orders?limit=1000", TestTokens.customer("dave"));
        ApiClient.Response notANumber = api.get("/api/v1/orders?limit=lots", TestTokens.customer("dave"));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.problemType()).isEqualTo("validation-failed");
        assertThat(tooMany.json().path("code").asText()).isEqualTo("invalid-page-size");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.problemType()).isEqualTo("validation-failed");
    }

    @Test
    void aCustomerIdParameterCannotImpersonateAnotherCustomer() throws SQLException {
        String erin = "erin-" + UUID.randomUUID();
        givenOrders(erin, 1);

        JsonNode listed = ApiClient.at(server.getURI())
                .get("/api/v1/orders?customerId=" + erin, TestTokens.customer("mallory"))
                .json();

        assertThat(listed).isEmpty();
    }
}
