package dev.storefront.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service instance a benchmark runs itself, from the service's runnable jar, on a port of its own and with the
 * local stack's Postgres, Redis and Kafka. Its output goes to {@code .storefront/logs/bench-<name>.log}.
 */
final class ServiceInstance implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceInstance(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServiceInstance start(
            Path jar, String name, int port, Map<String, String> env, List<String> jvmOptions, Path logs)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(logs);
        Path log = logs.resolve("bench-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        return new ServiceInstance(name, port, builder.start(), log);
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** Waits until the service answers HTTP at all ({@code /health} may say DOWN, e.g. without Redis). */
    void awaitUp(Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            if (status("/health") > 0) {
                return;
            }
            // Polling interval of a readiness probe.
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException(name + " did not answer within " + deadline + "; see " + log);
    }

    /** The status of an anonymous GET, or 0 when nothing answered. */
    int status(String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The body of a GET with a bearer token. */
    String get(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on " + name + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** SIGTERM, then a hard kill if it is still there after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
