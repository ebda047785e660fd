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
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service running as a child JVM, with its output in a log file, and the JVM flags of a profile in deploy/jvm
 * ({@code STOREFRONT_JVM_PROFILE}: {@code fast-start} unless set; deploy/bench/README.md compares the profiles).
 */
final class ServiceProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    static final String PROFILE_VARIABLE = "STOREFRONT_JVM_PROFILE";
    static final String DEFAULT_PROFILE = "fast-start";
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

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
        String profile = jvmProfile();
        Path options = jvmOptions(root, profile);
        LOG.info("{}: JVM profile {} ({})", spec.name(), profile, root.relativize(options));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // A java argument file: the JVM reads the profile's options from it itself.
        command.add("@" + options);
        // Class data sharing: the first start records the classes it loads, later starts map them (faster start-up).
        // One archive per profile: an archive recorded under other flags may not be usable.
        Path cds = logs.resolveSibling("cds");
        Files.createDirectories(cds);
        command.addAll(List.of(
                "-XX:SharedArchiveFile=" + cds.resolve(spec.name() + "-" + profile + ".jsa"),
                "-XX:+AutoCreateSharedArchive"));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(spec.name() + ".log").toFile());
        builder.environment().putAll(env);
        long startedAt = System.nanoTime();
        return new ServiceProcess(spec, builder.start(), startedAt);
    }

    /**
     * The services' JVM profile: {@code STOREFRONT_JVM_PROFILE}, else {@value #DEFAULT_PROFILE} (start-up first; {@code
     * throughput} runs them as the containers and the benchmarks do).
     */
    static String jvmProfile() {
        String profile = System.getenv(PROFILE_VARIABLE);
        return profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile.trim();
    }

    /** {@code deploy/jvm/<profile>.options}, which must exist. */
    static Path jvmOptions(Path root, String profile) {
        Path directory = root.resolve("deploy/jvm");
        Path options = directory.resolve(profile + ".options");
        if (!PROFILE_NAME.matcher(profile).matches() || !Files.isRegularFile(options)) {
            throw new IllegalStateException(PROFILE_VARIABLE + "=" + profile + ": there is no " + options
                    + "; the profiles are the *.options files in " + directory);
        }
        return options;
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
