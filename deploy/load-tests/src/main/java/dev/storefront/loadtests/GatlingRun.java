package dev.storefront.loadtests;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Runs one Gatling simulation inside this JVM, so the load generator stays warm from one run to the next, and returns
 * what {@link LatencyRecorder} saw. The simulation reads its settings from the {@code bench.*} system properties set
 * here. Gatling's HTML report is only generated when asked for (it costs a few seconds per run).
 */
final class GatlingRun {

    private final Path resultsRoot;
    private final boolean reports;
    private int runs;

    GatlingRun(Path resultsRoot, boolean reports) {
        this.resultsRoot = resultsRoot;
        this.reports = reports;
    }

    /** What one run measured; latencies in milliseconds (microsecond precision), over all requests. */
    record Stats(
            double offeredRps,
            int seconds,
            long requests,
            long failed,
            double errorRate,
            double arrivalRps,
            double p50Ms,
            double p95Ms,
            double p99Ms,
            double p999Ms,
            double maxMs) {}

    Stats run(Class<?> simulation, String baseUrl, double rate, int seconds, int products, double zipf) {
        System.setProperty("bench.baseUrl", baseUrl);
        System.setProperty("bench.rate", Double.toString(rate));
        System.setProperty("bench.seconds", Integer.toString(seconds));
        System.setProperty("bench.products", Integer.toString(products));
        System.setProperty("bench.zipf", Double.toString(zipf));
        Path folder = resultsRoot.resolve(String.format("run-%04d", ++runs));
        try {
            Files.createDirectories(folder);
            List<String> args = new ArrayList<>(List.of(
                    "--simulation",
                    simulation.getName(),
                    "--results-folder",
                    folder.toAbsolutePath().toString(),
                    "--run-description",
                    String.format("%s %.0f/s for %d s on %s", simulation.getSimpleName(), rate, seconds, baseUrl)));
            if (!reports) {
                args.add("--no-reports");
            }
            LatencyRecorder.reset();
            int status = Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("Gatling ended with status " + status + " for " + simulation.getName());
            }
            return stats(LatencyRecorder.snapshot(), rate, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!reports) {
                deleteRecursively(folder);
            }
        }
    }

    private static Stats stats(LatencyRecorder.Snapshot snapshot, double rate, int seconds) {
        Histogram h = snapshot.micros();
        long requests = snapshot.requests();
        return new Stats(
                rate,
                seconds,
                requests,
                snapshot.failures(),
                requests == 0 ? 1.0 : (double) snapshot.failures() / requests,
                round(snapshot.arrivalRate()),
                millis(h.getValueAtPercentile(50)),
                millis(h.getValueAtPercentile(95)),
                millis(h.getValueAtPercentile(99)),
                millis(h.getValueAtPercentile(99.9)),
                millis(h.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a folder left in target/ is harmless
        }
    }
}
