package dev.storefront.order.adapter.in.web;

import static dev.storefront.order.OrderTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Carts through real HTTP against real Redis, priced by a catalog the test controls. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CartApiIT implements TestPropertyProvider {

    private final FakeCatalog catalog = FakeCatalog.start();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return OrderTestSupport.properties(catalog);
    }

    @AfterAll
    void stopCatalog() {
        catalog.close();
    }

    private ApiClient api() {
        return ApiClient.at(server.getURI());
    }

    private static String customer() {
        return "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String openCart(String token) {
        ApiClient.Response opened = api().send("POST", "/api/v1/carts", token, Map.of(), null);
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    private ApiClient.Response put(String token, String cart, String sku, String body, Map<String, String> headers) {
        return api().send("PUT", "/api/v1/carts/" + cart + "/items/" + sku, token, headers, body);
    }

    @Test
    void aCustomerFillsACartAndSeesCurrentPricesLineTotalsAndTheTotal() {
        String token = TestTokens.customer(customer());
        String chair = newSku();
        String lamp = newSku();
        catalog.product(chair, 4_999, true).product(lamp, 1_500, true);
        String cart = openCart(token);

        put(token, cart, chair, "{\"quantity\":2}", Map.of());
        ApiClient.Response updated = put(token, cart, lamp, "{\"quantity\":1}", Map.of());

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"v3\"");
        JsonNode view = api().get("/api/v1/carts/" + cart, token).json();
        assertThat(view.path("lines")).hasSize(2);
        assertThat(view.path("lines")
                        .get(0)
                        .path("lineTotal")
                        .path("amountMinor")
                        .asLong())
                .isEqualTo(9_998);
        assertThat(view.path("total").path("amountMinor").asLong()).isEqualTo(11_498);
        assertThat(view.path("lines").get(0).path("priceChanged").asBoolean()).isFalse();
    }

    @Test
    void aPriceChangeOrAnInactiveProductSinceALineWasSetIsFlagged() {
        String token = TestTokens.customer(customer());
        String repriced = newSku();
        String withdrawn = newSku();
        catalog.product(repriced, 1_000, true).product(withdrawn, 2_000, true);
        String cart = openCart(token);
        put(token, cart, repriced, "{\"quantity\":1}", Map.of());
        put(token, cart, withdrawn, "{\"quantity\":1}", Map.of());

        catalog.product(repriced, 1_200, true).product(withdrawn, 2_000, false);
        forgetCopies(repriced, withdrawn);
        JsonNode view = api().get("/api/v1/carts/" + cart, token).json();

        JsonNode first = view.path("lines").get(0);
        assertThat(first.path("priceChanged").asBoolean()).isTrue();
        assertThat(first.path("unitPrice").path("amountMinor").asLong()).isEqualTo(1_200);
        assertThat(first.path("quotedPrice").path("amountMinor").asLong()).isEqualTo(1_000);
        assertThat(view.path("lines").get(1).path("available").asBoolean()).isFalse();
        assertThat(view.path("total").path("amountMinor").asLong())
                .as("an unavailable line counts nothing")
                .isEqualTo(1_200);
    }

    @Inject
    dev.storefront.order.application.port.in.ForgetProductUseCase prices;

    /** What a product event does (the event path itself is covered by ProductPriceCopyIT). */
    private void forgetCopies(String... skus) {
        for (String sku : skus) {
            prices.productChanged(dev.storefront.kernel.Sku.of(sku));
        }
    }

    @Test
    void aWriteWithAStaleETagIsRefusedAndChangesNothing() {
        String token = TestTokens.customer(customer());
        String sku = newSku();
        catalog.product(sku, 700, true);
        String cart = openCart(token);
        ApiClient.Response first = put(token, cart, sku, "{\"quantity\":1}", Map.of("If-Match", "\"v1\""));
        assertThat(first.status()).isEqualTo(200);

        ApiClient.Response stale = put(token, cart, sku, "{\"quantity\":9}", Map.of("If-Match", "\"v1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.problemType()).isEqualTo("precondition-failed");
        assertThat(stale.json().path("code").asText()).isEqualTo("stale-cart-version");
        JsonNode view = api().get("/api/v1/carts/" + cart, token).json();
        assertThat(view.path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
        assertThat(view.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void concurrentEditsWithoutETagsAreAllApplied() throws Exception {
        String token = TestTokens.customer(customer());
        String cart = openCart(token);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String sku = newSku();
            catalog.product(sku, 100 + i, true);
            skus.add(sku);
        }
        ExecutorService editors = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (String sku : skus) {
            answers.add(editors.submit(() -> {
                go.await();
                return put(token, cart, sku, "{\"quantity\":3}", Map.of());
            }));
        }
        go.countDown();
        int applied = 0;
        for (Future<ApiClient.Response> answer : answers) {
            int status = answer.get().status();
            assertThat(status)
                    .as("applied, or refused as a conflict - never lost")
                    .isIn(200, 409);
            applied += status == 200 ? 1 : 0;
        }
        editors.shutdown();

        JsonNode view = api().get("/api/v1/carts/" + cart, token).json();
        assertThat(view.path("lines")).hasSize(applied);
        assertThat(view.path("version").asLong()).isEqualTo(1 + applied);
        assertThat(applied).as("retried on conflict, so nearly all apply").isGreaterThanOrEqualTo(6);
    }

    @Test
    void anotherCustomersCartDoesNotExist() {
        String owner = TestTokens.customer(customer());
        String mallory = TestTokens.customer(customer());
        String sku = newSku();
        catalog.product(sku, 500, true);
        String cart = openCart(owner);

        ApiClient.Response read = api().get("/api/v1/carts/" + cart, mallory);
        ApiClient.Response write = put(mallory, cart, sku, "{\"quantity\":1}", Map.of());
        ApiClient.Response delete = api().delete("/api/v1/carts/" + cart, mallory);

        for (ApiClient.Response denied : List.of(read, write, delete)) {
            assertThat(denied.status()).isEqualTo(404);
            assertThat(denied.json().path("code").asText()).isEqualTo("unknown-cart");
        }
        assertThat(api().get("/api/v1/carts/" + cart, owner).json().path("lines"))
                .isEmpty();
    }

    @Test
    void quantitiesOutsideOneToNinetyNineAndUnknownProductsAreRefused() {
        String token = TestTokens.customer(customer());
        String sku = newSku();
        catalog.product(sku, 500, true);
        String cart = openCart(token);

        ApiClient.Response zero = put(token, cart, sku, "{\"quantity\":0}", Map.of());
        ApiClient.Response hundred = put(token, cart, sku, "{\"quantity\":100}", Map.of());
        ApiClient.Response missing = put(token, cart, sku, "{}", Map.of());
        ApiClient.Response unknown = put(token, cart, newSku(), "{\"quantity\":1}", Map.of());
        ApiClient.Response smuggled = put(token, cart, sku, "{\"quantity\":1,\"price\":{\"amountMinor\":1}}", Map.of());

        for (ApiClient.Response refused : List.of(zero, hundred, missing)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("code").asText()).isEqualTo("invalid-quantity");
        }
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("unknown-product");
        assertThat(smuggled.json()
                        .path("lines")
                        .get(0)
                        .path("unitPrice")
                        .path("amountMinor")
                        .asLong())
                .as("a client-sent price is ignored")
                .isEqualTo(500);
    }

    @Test
    void aRemovedLineAndADiscardedCartAreGone() {
        String token = TestTokens.customer(customer());
        String sku = newSku();
        catalog.product(sku, 500, true);
        String cart = openCart(token);
        put(token, cart, sku, "{\"quantity\":1}", Map.of());

        ApiClient.Response removed = api().delete("/api/v1/carts/" + cart + "/items/" + sku, token);
        ApiClient.Response discarded = api().delete("/api/v1/carts/" + cart, token);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("lines")).isEmpty();
        assertThat(discarded.status()).isEqualTo(204);
        assertThat(api().get("/api/v1/carts/" + cart, token).status()).isEqualTo(404);
    }

    @Test
    void aCatalogThatDoesNotAnswerGivesAServiceUnavailableProblemWithinTheBound() {
        String token = TestTokens.customer(customer());
        String cart = openCart(token);
        catalog.answerAfter(Duration.ofSeconds(10));
        try {
            long started = System.nanoTime();
            ApiClient.Response answer = put(token, cart, newSku(), "{\"quantity\":1}", Map.of());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.problemType()).isEqualTo("service-unavailable");
            assertThat(answer.json().path("code").asText()).isEqualTo("catalog-unavailable");
            assertThat(answer.header("Retry-After")).isNotNull();
            // 2 x 1 s read timeout + 100 ms pause, plus slack for a loaded machine: the bound, not a benchmark.
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            catalog.answerAfter(Duration.ZERO);
            // The circuit stays open for its reset period; wait it out so later tests see a healthy catalog.
            String probe = newSku();
            catalog.product(probe, 100, true);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> put(token, cart, probe, "{\"quantity\":1}", Map.of())
                                    .status()
                            == 200);
        }
    }
}
