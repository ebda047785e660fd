package dev.storefront.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs one Gatling simulation inside this JVM (so the load generator stays warm from one run to the next) and reads
 * its figures from the report's {@code js/global_stats.json}. The simulation reads its settings from the {@code
 * bench.*} system properties set here.
 */
final class GatlingRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path resultsRoot;
    private final boolean keepReports;
    private int runs;

    GatlingRun(Path resultsRoot, boolean keepReports) {
        this.resultsRoot = resultsRoot;
        this.keepReports = keepReports;
    }

    /** What one run measured. Latencies are Gatling's, in whole milliseconds, over all requests (ok and failed). */
    record Stats(
            double offeredRps,
            int seconds,
            long requests,
            long ok,
            long failed,
            double errorRate,
            double achievedRps,
            long p50Ms,
            long p95Ms,
            long p99Ms,
            long p999Ms,
            long maxMs) {}

    Stats run(Class<?> simulation, String baseUrl, double rate, int seconds, int products, double zipf) {
        System.setProperty("bench.baseUrl", baseUrl);
        System.setProperty("bench.rate", Double.toString(rate));
        System.setProperty("bench.seconds", Integer.toString(seconds));
        System.setProperty("bench.products", Integer.toString(products));
        System.setProperty("bench.zipf", Double.toString(zipf));
        Path folder = resultsRoot.resolve(String.format("run-%04d", ++runs));
        try {
            Files.createDirectories(folder);
            int status = Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", folder.toAbsolutePath().toString(),
                "--run-description", simulation.getSimpleName() + " " + rate + "/s for " + seconds + " s on " + baseUrl
            });
            // Gatling answers 0, or 2 when assertions fail; the simulations make none.
            if (status != 0 && status != 2) {
                throw new IllegalStateException("Gatling ended with status " + status + " for " + simulation.getName());
            }
            return read(globalStats(folder), rate, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!keepReports) {
                deleteRecursively(folder);
            }
        }
    }

    private static Path globalStats(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            Optional<Path> stats = files.filter(p -> p.endsWith(Path.of("js", "global_stats.json")))
                    .findFirst();
            return stats.orElseThrow(() -> new IllegalStateException("no js/global_stats.json under " + folder));
        }
    }

    private static Stats read(Path file, double rate, int seconds) throws IOException {
        JsonNode stats = JSON.readTree(file.toFile());
        long requests = stats.path("numberOfRequests").path("total").asLong();
        long failed = stats.path("numberOfRequests").path("ko").asLong();
        return new Stats(
                rate,
                seconds,
                requests,
                stats.path("numberOfRequests").path("ok").asLong(),
                failed,
                requests == 0 ? 1.0 : (double) failed / requests,
                stats.path("meanNumberOfRequestsPerSecond").path("total").asDouble(),
                stats.path("percentiles1").path("total").asLong(),
                stats.path("percentiles2").path("total").asLong(),
                stats.path("percentiles3").path("total").asLong(),
                stats.path("percentiles4").path("total").asLong(),
                stats.path("maxResponseTime").path("total").asLong());
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a report left in target/ is harmless
        }
    }
}
