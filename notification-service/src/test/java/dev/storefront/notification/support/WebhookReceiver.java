package dev.storefront.notification.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint on a free local port that receives webhook calls, records each request (headers and body
 * bytes), and answers what the test scripts: a status per request number, optionally after a delay.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as received. */
    public record Call(Map<String, List<String>> headers, byte[] body, long receivedNanos) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile java.util.function.ToIntFunction<Call> status = call -> 200;
    private volatile long delayMillis;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.incrementAndGet();
        Call call = new Call(Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime());
        calls.add(call);
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(status.applyAsInt(call), -1);
        exchange.close();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The status answered to each request, decided from the request. */
    public WebhookReceiver answering(java.util.function.ToIntFunction<Call> status) {
        this.status = status;
        return this;
    }

    /** Whether the call's body contains {@code text} (an order or notification id). */
    public static boolean mentions(Call call, String text) {
        return new String(call.body(), java.nio.charset.StandardCharsets.UTF_8).contains(text);
    }

    /** Holds every answer this long (a slow endpoint). */
    public WebhookReceiver delaying(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
