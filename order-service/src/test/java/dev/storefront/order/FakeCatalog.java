package dev.storefront.order;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * catalog-service's product endpoint as a real HTTP server the test controls: which products exist at which price,
 * and whether it answers at all or only after a delay longer than the client will wait. The cross-process system
 * test runs the real catalog; this one lets order-service's own tests cause catalog faults precisely.
 */
public final class FakeCatalog implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> products = new ConcurrentHashMap<>();
    private final AtomicLong delayMillis = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();

    private FakeCatalog(HttpServer server) {
        this.server = server;
    }

    public static FakeCatalog start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeCatalog catalog = new FakeCatalog(server);
            server.createContext("/api/v1/products/", exchange -> {
                catalog.requests.incrementAndGet();
                long delay = catalog.delayMillis.get();
                if (delay > 0) {
                    try {
                        // The fault itself: a catalog that answers later than the client's read timeout.
                        TimeUnit.MILLISECONDS.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String sku = exchange.getRequestURI().getPath().substring("/api/v1/products/".length());
                String body = catalog.products.get(sku);
                byte[] bytes = (body == null
                                ? "{\"type\":\"https://storefront.dev/problems/not-found\",\"status\":404}"
                                : body)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders()
                        .add("Content-Type", body == null ? "application/problem+json" : "application/json");
                exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return catalog;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeCatalog product(String sku, long priceMinor, boolean active) {
        products.put(sku, """
                {"sku":"%s","name":"Product %s","description":"d","category":"c",\
                "price":{"amountMinor":%d,"currency":"EUR"},"active":%s,"version":1}""".formatted(sku, sku, priceMinor, active));
        return this;
    }

    public void answerAfter(Duration delay) {
        delayMillis.set(delay.toMillis());
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
