package dev.storefront.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A deliberately plain HTTP client for integration tests: it sends exactly the bytes and headers a test chooses
 * (malformed JSON, wrong media types, oversized bodies) and shows exactly what came back.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiClient(URI base) {
        this.base = base;
    }

    public static ApiClient at(URI base) {
        return new ApiClient(base);
    }

    public static ApiClient at(String base) {
        return new ApiClient(URI.create(base));
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response get(String path) {
        return get(path, null);
    }

    /** A GET that asks for another representation, e.g. {@code text/plain} for metrics. */
    public Response get(String path, String token, String accept) {
        return send(request(path, token).setHeader("Accept", accept).GET());
    }

    public Response postJson(String path, String token, String json) {
        return send(request(path, token, "application/json", json));
    }

    public Response putJson(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String token, String contentType, String body) {
        return send(request(path, token, contentType, body));
    }

    /**
     * Any method with any extra headers (If-Match, Idempotency-Key...); {@code json} may be null for no body.
     */
    public Response send(String method, String path, String token, java.util.Map<String, String> headers, String json) {
        HttpRequest.Builder builder = request(path, token);
        headers.forEach(builder::setHeader);
        if (json == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(builder);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, java.util.Map.of(), null);
    }

    private HttpRequest.Builder request(String path, String token, String contentType, String body) {
        return request(path, token).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .setHeader("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""),
                    response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What came back: status, the headers tests look at, and the body. */
    public record Response(
            int status,
            String contentType,
            String wwwAuthenticate,
            String body,
            java.util.Map<String, java.util.List<String>> headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response body is not JSON: " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        /** The problem type slug, e.g. {@code validation-failed}; fails when the body is not problem details. */
        public String problemType() {
            if (!isProblem()) {
                throw new AssertionError("expected application/problem+json but got '" + contentType + "': " + body);
            }
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }
}
