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
    private static final long POLL_MILLIS = 20;
    private static final Duration DOWN_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final int port;
    private final Process process;
    private final long startedNanos;
    private final Path log;

    private ServiceInstance(String name, int port, Process process, long startedNanos, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /**
     * How long the instance took from the start of its process to its first HTTP answer and to its first 200 on
     * {@code /health} (target M2), in milliseconds, to within the polling interval; {@code healthyMs} is null when
     * {@code /health} did not answer 200 while we waited.
     */
    record Startup(long firstAnswerMs, Long healthyMs) {}

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
        long startedNanos = System.nanoTime();
        return new ServiceInstance(name, port, builder.start(), startedNanos, log);
    }

    String name() {
        return name;
    }

    /** The service's process, whose CPU time {@link CpuMeter} reads. */
    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /**
     * Waits until {@code /health} answers 200 or, when {@code untilHealthy} is false, until it answers at all (it may
     * say DOWN, e.g. without Redis); an instance that answers but stays DOWN is given {@link #DOWN_GRACE} more, then
     * the wait ends without a healthy time. Fails when the process exits or nothing answers before the deadline.
     */
    Startup awaitUp(Duration deadline, boolean untilHealthy) throws InterruptedException {
        long until = startedNanos + deadline.toNanos();
        Long firstAnswer = null;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            int status = status("/health");
            long now = System.nanoTime();
            if (status > 0 && firstAnswer == null) {
                firstAnswer = now;
            }
            if (status == 200) {
                return new Startup(millisSinceStart(firstAnswer), millisSinceStart(now));
            }
            if (firstAnswer != null && (!untilHealthy || now - firstAnswer > DOWN_GRACE.toNanos())) {
                return new Startup(millisSinceStart(firstAnswer), null);
            }
            // Fine enough to time start-up to a few tens of milliseconds; each poll is one loopback request.
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        if (firstAnswer != null) {
            return new Startup(millisSinceStart(firstAnswer), null);
        }
        throw new IllegalStateException(name + " did not answer within " + deadline + "; see " + log);
    }

    private long millisSinceStart(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos - startedNanos);
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
