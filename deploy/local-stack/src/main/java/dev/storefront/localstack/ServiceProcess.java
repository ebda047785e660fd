package dev.storefront.localstack;

import java.io.IOException;
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

/** A service running as a child JVM, with its output in a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceSpec spec;
    private final Process process;
    private final long startedAt;

    private ServiceProcess(ServiceSpec spec, Process process, long startedAt) {
        this.spec = spec;
        this.process = process;
        this.startedAt = startedAt;
    }

    static ServiceProcess start(Path root, ServiceSpec spec, Map<String, String> env, Path logs) throws IOException {
        Path jar = spec.jar(root);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAMPercentage=25", "-XX:TieredStopAtLevel=1"));
        // Class data sharing: the first start records the classes it loads, later starts map them (faster start-up).
        Path cds = logs.resolveSibling("cds");
        Files.createDirectories(cds);
        command.addAll(
                List.of("-XX:SharedArchiveFile=" + cds.resolve(spec.name() + ".jsa"), "-XX:+AutoCreateSharedArchive"));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(spec.name() + ".log").toFile());
        builder.environment().putAll(env);
        long startedAt = System.nanoTime();
        return new ServiceProcess(spec, builder.start(), startedAt);
    }

    /** Polls /health until it answers 200, the process dies, or the deadline passes; returns the time it took. */
    Duration awaitHealthy(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        HttpRequest health = HttpRequest.newBuilder(spec.baseUri().resolve("/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + "; see .storefront/logs/" + spec.name() + ".log");
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
            }
            try {
                // Polling interval of a readiness probe, not a stand-in for synchronisation.
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                spec.name() + " not healthy within " + deadline + "; see .storefront/logs/" + spec.name() + ".log");
    }

    /** SIGTERM (the service shuts down gracefully), then a hard kill if it outlives {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
