package dev.storefront.loadtests;

import dev.storefront.infra.DemoIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carts ready for checkout, filled over the cart API before a step so that the step measures checkout alone. Each
 * cart belongs to one of {@code customers} shoppers whose subject starts with the step's tag (so the orders a step
 * placed can be found in Postgres afterwards) and holds one to three of the given products.
 */
final class PreparedCarts {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final ConcurrentLinkedQueue<Map<String, Object>> READY = new ConcurrentLinkedQueue<>();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private PreparedCarts() {}

    /** Gatling's feeder: one prepared cart per virtual user, each used once. */
    static Iterator<Map<String, Object>> feeder() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map<String, Object> cart = READY.poll();
                if (cart == null) {
                    throw new NoSuchElementException("no prepared cart left: the benchmark prepares too few");
                }
                return cart;
            }
        };
    }

    static void discard() {
        READY.clear();
    }

    /**
     * Prepares {@code count} carts through the cart API at {@code baseUrl}, at most {@code parallel} requests at a
     * time; returns how long it took.
     */
    static Duration prepare(
            String baseUrl,
            DemoIssuer issuer,
            String tag,
            int count,
            int customers,
            List<String> products,
            int parallel)
            throws InterruptedException {
        long started = System.nanoTime();
        List<String> tokens = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            tokens.add(AdminToken.customer(issuer, Duration.ofHours(2), tag + "-" + i));
        }
        Semaphore permits = new Semaphore(parallel);
        AtomicLong failures = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure =
                new java.util.concurrent.atomic.AtomicReference<>();
        List<CompletableFuture<?>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            String token = tokens.get(i % customers);
            CompletableFuture<?> cart = send(baseUrl, "POST", "/api/v1/carts", token, null)
                    .thenCompose(created -> {
                        Matcher id = ID.matcher(created.body());
                        if (created.statusCode() != 201 || !id.find()) {
                            throw new IllegalStateException("POST /api/v1/carts answered " + created.statusCode());
                        }
                        return fill(baseUrl, token, id.group(1), products).thenApply(ignored -> id.group(1));
                    })
                    .thenAccept(cartId -> READY.add(Map.of(
                            "token",
                            token,
                            "cartId",
                            cartId,
                            "key",
                            UUID.randomUUID().toString())))
                    .whenComplete((ignored, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, error);
                        }
                        permits.release();
                    });
            pending.add(cart);
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
        if (failures.get() > count / 100) {
            throw new IllegalStateException(
                    failures.get() + " of " + count + " carts could not be prepared", firstFailure.get());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static CompletableFuture<Void> fill(String baseUrl, String token, String cartId, List<String> products) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int lines = 1 + random.nextInt(3);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int l = 0; l < lines; l++) {
            String sku = products.get(random.nextInt(products.size()));
            int quantity = 1 + random.nextInt(2);
            chain = chain.thenCompose(ignored -> send(
                            baseUrl,
                            "PUT",
                            "/api/v1/carts/" + cartId + "/items/" + sku,
                            token,
                            "{\"quantity\":" + quantity + "}")
                    .thenAccept(put -> {
                        if (put.statusCode() != 200) {
                            throw new IllegalStateException(
                                    "PUT item answered " + put.statusCode() + ": " + put.body());
                        }
                    }));
        }
        return chain;
    }

    private static CompletableFuture<HttpResponse<String>> send(
            String baseUrl, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
