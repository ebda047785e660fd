package dev.storefront.catalog.adapter.in.web;

import static dev.storefront.catalog.CatalogTestData.count;
import static dev.storefront.catalog.CatalogTestData.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.catalog.CatalogTestData;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ApiClient.Response;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The product API through real HTTP, against real Postgres, Redis and Kafka. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductApiIT implements TestPropertyProvider {

    private static final String CATEGORY = "api-test-furniture";

    @Inject
    EmbeddedServer server;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG);
    }

    @BeforeAll
    void categories() throws SQLException {
        CatalogTestData.category(CATEGORY);
    }

    @BeforeEach
    void connect() {
        api = ApiClient.at(server.getURI());
    }

    private Response create(String sku, long price, int stock) {
        return api.postJson("/api/v1/products", TestTokens.admin(), """
                {"sku":"%s","name":"Oak chair %s","description":"Sturdy","category":"%s",
                 "price":{"amountMinor":%d,"currency":"EUR"},"initialStock":%d}""".formatted(sku, sku, CATEGORY, price, stock));
    }

    private Response send(String method, String path, String token, String ifMatch, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(""),
                    response.body(),
                    response.headers().map());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long outboxEvents(String type, String sku) throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE event_type = ? AND message_key = ?", type, sku);
    }

    @Test
    void anAdministratorCreatesAProductThatAnyoneCanReadWithItsVersionAsETag() throws SQLException {
        String sku = newSku();

        Response created = create(sku, 4999, 12);
        Response read = api.get("/api/v1/products/" + sku);

        assertThat(created.status()).isEqualTo(201);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("price").path("amountMinor").asLong()).isEqualTo(4999);
        assertThat(read.json().path("version").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/products/" + sku + "/stock")
                        .json()
                        .path("available")
                        .asInt())
                .isEqualTo(12);
        assertThat(outboxEvents("ProductChanged", sku)).isEqualTo(1);
    }

    @Test
    void aPriceChangeIsVisibleOnTheVeryNextReadAndAnnounced() throws SQLException {
        String sku = newSku();
        create(sku, 4999, 1);
        assertThat(api.get("/api/v1/products/" + sku)
                        .json()
                        .path("price")
                        .path("amountMinor")
                        .asLong())
                .isEqualTo(4999);
        assertThat(api.get("/api/v1/products/" + sku).status()).as("now cached").isEqualTo(200);

        Response repriced = send(
                "PUT",
                "/api/v1/products/" + sku + "/price",
                TestTokens.admin(),
                null,
                "{\"amountMinor\":3999,\"currency\":\"EUR\"}");

        assertThat(repriced.status()).isEqualTo(200);
        JsonNode next = api.get("/api/v1/products/" + sku).json();
        assertThat(next.path("price").path("amountMinor").asLong()).isEqualTo(3999);
        assertThat(next.path("version").asLong()).isEqualTo(2);
        assertThat(outboxEvents("ProductPriceChanged", sku)).isEqualTo(1);
    }

    @Test
    void aRevisionNeedsTheCurrentVersionInIfMatch() throws SQLException {
        String sku = newSku();
        create(sku, 4999, 1);
        String body =
                "{\"name\":\"Renamed chair\",\"description\":\"\",\"category\":\"" + CATEGORY + "\",\"active\":true}";

        Response missing = send("PUT", "/api/v1/products/" + sku, TestTokens.admin(), null, body);
        Response revised = send("PUT", "/api/v1/products/" + sku, TestTokens.admin(), "\"v1\"", body);
        Response stale = send("PUT", "/api/v1/products/" + sku, TestTokens.admin(), "\"v1\"", body);
        Response garbage = send("PUT", "/api/v1/products/" + sku, TestTokens.admin(), "banana", body);

        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.problemType()).isEqualTo("precondition-required");
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.wwwAuthenticate()).as("ETag").isEqualTo("\"v2\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asText()).isEqualTo("version-mismatch");
        assertThat(garbage.status()).isEqualTo(412);
        assertThat(api.get("/api/v1/products/" + sku).json().path("name").asText())
                .isEqualTo("Renamed chair");
        assertThat(outboxEvents("ProductChanged", sku)).isEqualTo(2);
    }

    @Test
    void aClientCannotChangeThePriceThroughADetailsUpdate() {
        String sku = newSku();
        create(sku, 4999, 1);

        send(
                "PUT",
                "/api/v1/products/" + sku,
                TestTokens.admin(),
                "\"v1\"",
                "{\"name\":\"Chair\",\"category\":\"" + CATEGORY
                        + "\",\"active\":true,\"price\":{\"amountMinor\":1,\"currency\":\"EUR\"}," + "\"version\":99}");

        JsonNode read = api.get("/api/v1/products/" + sku).json();
        assertThat(read.path("price").path("amountMinor").asLong()).isEqualTo(4999);
        assertThat(read.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void anUnchangedProductAnswersNotModifiedToItsETag() throws Exception {
        String sku = newSku();
        create(sku, 4999, 1);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.getURI().resolve("/api/v1/products/" + sku))
                                .header("If-None-Match", "\"v1\"")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(304);
    }

    @Test
    void stockAdjustmentsNeverTakeStockBelowZero() {
        String sku = newSku();
        create(sku, 100, 3);

        Response added =
                api.postJson("/api/v1/products/" + sku + "/stock-adjustments", TestTokens.admin(), "{\"delta\":2}");
        Response tooMuch =
                api.postJson("/api/v1/products/" + sku + "/stock-adjustments", TestTokens.admin(), "{\"delta\":-6}");

        assertThat(added.json().path("onHand").asInt()).isEqualTo(5);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().path("code").asText()).isEqualTo("stock-below-reserved");
        assertThat(api.get("/api/v1/products/" + sku + "/stock")
                        .json()
                        .path("onHand")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void productsAreListedByCategoryAndNameInPagesThatFollowEachOther() throws SQLException {
        String category = "list-" + newSku().toLowerCase().substring(2);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sku = newSku();
            CatalogTestData.product(sku, (i % 2 == 0 ? "Walnut desk " : "Pine shelf ") + i, category, 1000 + i, 1);
            skus.add(sku);
        }
        skus.sort(String::compareTo);

        JsonNode first =
                api.get("/api/v1/products?category=" + category + "&limit=2").json();
        JsonNode second = api.get("/api/v1/products?category=" + category + "&limit=2&cursor="
                        + first.path("nextCursor").asText())
                .json();
        JsonNode desks =
                api.get("/api/v1/products?category=" + category + "&q=walnut").json();
        JsonNode prefix =
                api.get("/api/v1/products?category=" + category + "&q=wal").json();

        assertThat(first.path("items"))
                .extracting(n -> n.path("sku").asText())
                .containsExactly(skus.get(0), skus.get(1));
        assertThat(second.path("items"))
                .extracting(n -> n.path("sku").asText())
                .containsExactly(skus.get(2), skus.get(3));
        assertThat(desks.path("items")).hasSize(3);
        assertThat(prefix.path("items")).hasSize(3);
        assertThat(desks.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void aCustomerCannotWriteTheCatalog() {
        String sku = newSku();

        Response denied = api.postJson("/api/v1/products", TestTokens.customer("alice"), "{\"sku\":\"" + sku + "\"}");

        assertThat(denied.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"sku\":\"bad sku\",\"name\":\"X\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":1,\"currency\":\"EUR\"}}",
                "{\"sku\":\"%s\",\"name\":\"\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":1,\"currency\":\"EUR\"}}",
                "{\"sku\":\"%s\",\"name\":\"X\",\"category\":\"no-such-category\",\"price\":{\"amountMinor\":1,\"currency\":\"EUR\"}}",
                "{\"sku\":\"%s\",\"name\":\"X\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":-1,\"currency\":\"EUR\"}}",
                "{\"sku\":\"%s\",\"name\":\"X\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":1,\"currency\":\"euro\"}}",
                "{\"sku\":\"%s\",\"name\":\"X\",\"category\":\"" + CATEGORY + "\"}",
                "{\"sku\":\"%s\",\"name\":\"X\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":1,\"currency\":\"EUR\"},\"initialStock\":-5}",
                "{\"sku\":\"%s\",\"name\":\"X\",\"category\":\"" + CATEGORY
                        + "\",\"price\":{\"amountMinor\":\"cheap\",\"currency\":\"EUR\"}}",
                "[1,2,3]",
                "{\"sku\":"
            })
    void invalidProductsAreRefusedAsProblemsAndNothingIsStored(String template) throws SQLException {
        String sku = newSku();

        Response refused = api.postJson("/api/v1/products", TestTokens.admin(), template.replace("%s", sku));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isIn("validation-failed", "malformed-request");
        assertThat(refused.body()).doesNotContain("Exception");
        assertThat(count("SELECT count(*) FROM products WHERE sku = ?", sku)).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/products?limit=0",
                "/api/v1/products?limit=101",
                "/api/v1/products?limit=many",
                "/api/v1/products?cursor=***",
                "/api/v1/products?cursor=bm90IGEgc2t1",
                "/api/v1/products?category=Not%20A%20Slug",
                "/api/v1/products/not%20a%20sku"
            })
    void invalidReadsAreRefusedAsProblems(String path) {
        Response refused = api.get(path);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isEqualTo("validation-failed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PUT|/price|{\"amountMinor\":1,\"currency\":\"XXQ\"}",
                "PUT|/price|{\"amountMinor\":-5,\"currency\":\"EUR\"}",
                "PUT|/price|{\"currency\":\"EUR\"}",
                "PUT|/price|not json",
                "PUT||{\"name\":\"\",\"category\":\"api-test-furniture\"}",
                "PUT||{\"name\":\"Chair\",\"category\":\"Bad Slug\",\"active\":true}",
                "PUT||{\"name\":\"Chair\",\"category\":\"api-test-furniture\"}",
                "POST|/stock-adjustments|{}",
                "POST|/stock-adjustments|{\"delta\":0}",
                "POST|/stock-adjustments|{\"delta\":\"lots\"}",
                "POST|/stock-adjustments|{\"delta\":99999999999}"
            })
    void invalidChangesToAProductAreRefusedAsProblemsAndChangeNothing(String spec) throws SQLException {
        String sku = newSku();
        create(sku, 4999, 3);
        String[] parts = spec.split("\\|", 3);

        Response refused = send(parts[0], "/api/v1/products/" + sku + parts[1], TestTokens.admin(), "\"v1\"", parts[2]);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemType()).isIn("validation-failed", "malformed-request");
        JsonNode product = api.get("/api/v1/products/" + sku).json();
        assertThat(product.path("version").asLong()).isEqualTo(1);
        assertThat(product.path("price").path("amountMinor").asLong()).isEqualTo(4999);
        assertThat(api.get("/api/v1/products/" + sku + "/stock")
                        .json()
                        .path("onHand")
                        .asInt())
                .isEqualTo(3);
        assertThat(outboxEvents("ProductChanged", sku)).isEqualTo(1);
    }

    @Test
    void anOverlongSearchIsRefused() {
        Response refused = api.get("/api/v1/products?q=" + "a".repeat(101));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asText()).isEqualTo("invalid-search");
    }

    @Test
    void anUnknownProductIsANotFoundProblem() {
        Response missing = api.get("/api/v1/products/NO-SUCH-SKU");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asText()).isEqualTo("unknown-product");
    }

    @Test
    void creatingAnExistingSkuIsAConflictThatChangesNothing() throws SQLException {
        String sku = newSku();
        create(sku, 4999, 1);

        Response again = create(sku, 1, 1);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("product-already-exists");
        assertThat(api.get("/api/v1/products/" + sku)
                        .json()
                        .path("price")
                        .path("amountMinor")
                        .asLong())
                .isEqualTo(4999);
        assertThat(outboxEvents("ProductChanged", sku)).isEqualTo(1);
    }
}
