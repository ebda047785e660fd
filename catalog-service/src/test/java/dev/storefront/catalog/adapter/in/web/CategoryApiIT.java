package dev.storefront.catalog.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The category API through real HTTP, against real Postgres, with real tokens. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CategoryApiIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestInfrastructure.propertiesFor(ServiceDatabase.CATALOG);
    }

    @BeforeEach
    void connect() {
        api = ApiClient.at(server.getURI());
    }

    private static String uniqueSlug() {
        return "cat-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Response createAsAdmin(String slug, String name) {
        return api.postJson(
                "/api/v1/categories", TestTokens.admin(), "{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\"}");
    }

    private boolean listed(String slug) {
        Response list = api.get("/api/v1/categories");
        assertThat(list.status()).isEqualTo(200);
        return list.body().contains("\"" + slug + "\"");
    }

    @Test
    void anAdministratorOpensACategoryThatAnyoneCanThenBrowse() {
        String slug = uniqueSlug();

        Response created = createAsAdmin(slug, "Kitchen");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("slug").asText()).isEqualTo(slug);
        assertThat(listed(slug)).isTrue();
    }

    @Test
    void openingTheSameSlugTwiceIsAConflictWithAStableCode() {
        String slug = uniqueSlug();
        createAsAdmin(slug, "Kitchen");

        Response again = createAsAdmin(slug, "Kitchen again");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("conflict");
        assertThat(again.json().path("code").asText()).isEqualTo("category-already-exists");
    }

    @Test
    void aCustomerTokenCannotWriteTheCatalog() {
        String slug = uniqueSlug();

        Response denied = api.postJson(
                "/api/v1/categories", TestTokens.customer("alice"), "{\"slug\":\"" + slug + "\",\"name\":\"X\"}");

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.problemType()).isEqualTo("forbidden");
        assertThat(listed(slug)).isFalse();
    }

    @Test
    void aWriteWithoutATokenIsUnauthorized() {
        String slug = uniqueSlug();

        Response denied = api.postJson("/api/v1/categories", null, "{\"slug\":\"" + slug + "\",\"name\":\"X\"}");

        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.problemType()).isEqualTo("unauthorized");
        assertThat(denied.wwwAuthenticate()).startsWith("Bearer");
        assertThat(listed(slug)).isFalse();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() {
        String forged = TestTokens.mint(
                "another-key-another-key-another-key-1234567890",
                "admin",
                java.util.List.of("ADMIN"),
                java.time.Duration.ofMinutes(5));

        Response denied =
                api.postJson("/api/v1/categories", forged, "{\"slug\":\"" + uniqueSlug() + "\",\"name\":\"X\"}");

        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.problemType()).isEqualTo("unauthorized");
    }

    @Test
    void anInvalidSlugIsRejectedAndNothingIsStored() {
        Response rejected = createAsAdmin("Not A Slug", "Kitchen");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.problemType()).isEqualTo("validation-failed");
        assertThat(rejected.json().path("code").asText()).isEqualTo("invalid-category-slug");
        assertThat(listed("Not A Slug")).isFalse();
    }

    @Test
    void missingFieldsAreListedOneByOne() {
        Response rejected = api.postJson("/api/v1/categories", TestTokens.admin(), "{}");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.problemType()).isEqualTo("validation-failed");
        assertThat(rejected.json().path("errors")).hasSize(2);
    }

    @Test
    void malformedJsonIsAClientErrorWithoutInternals() {
        Response rejected = api.postJson("/api/v1/categories", TestTokens.admin(), "{\"slug\": ");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.problemType()).isEqualTo("malformed-request");
        assertThat(rejected.body()).doesNotContain("Exception").doesNotContain("at io.micronaut");
    }

    @Test
    void aBodyOfAnotherMediaTypeIsRefused() {
        Response rejected = api.post("/api/v1/categories", TestTokens.admin(), "text/plain", "slug=garden");

        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.problemType()).isEqualTo("unsupported-media-type");
    }

    @Test
    void anOversizedBodyIsRefused() {
        String huge = "{\"slug\":\"big\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Response rejected = api.postJson("/api/v1/categories", TestTokens.admin(), huge);

        assertThat(rejected.status()).isEqualTo(413);
        assertThat(rejected.problemType()).isEqualTo("payload-too-large");
        assertThat(listed("big")).isFalse();
    }

    @Test
    void anOverLongUriIs414AndOverLargeHeadersAre431NotABodyTooLarge() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> longUri = client.send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/v1/categories/" + "a".repeat(9_000)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bigHeaders = client.send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/v1/categories"))
                        .header("X-Padding", "b".repeat(20_000))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(longUri.statusCode()).isEqualTo(414);
        assertThat(longUri.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(longUri.body()).contains("\"type\":\"https://storefront.dev/problems/uri-too-long\"");
        assertThat(bigHeaders.statusCode()).isEqualTo(431);
        assertThat(bigHeaders.body()).contains("\"type\":\"https://storefront.dev/problems/headers-too-large\"");
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        Response missing = api.get("/api/v1/no-such-thing");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemType()).isEqualTo("not-found");
    }
}
