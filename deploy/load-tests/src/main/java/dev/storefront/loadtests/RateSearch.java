package dev.storefront.loadtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The highest rate a target sustains under open-model load: the offered rate steps up by a factor until a step is not
 * sustained, then is bisected (geometrically) between the best sustained and the lowest failed rate until they are
 * within the precision factor. A later search of the same target starts below the previous result with smaller
 * steps. A step is sustained when errors are at most 0.1 %, p99 is within the bound, every arrival was served, the
 * generator kept at least 95 % of the offered arrival rate, and the caller's own check (if any) passed.
 */
final class RateSearch {

    static final double MAX_ERROR_RATE = 0.001;
    static final double MIN_ARRIVAL_SHARE = 0.95;
    static final double MIN_RATE = 25;
    private static final int MAX_STEPS = 18;

    /** Runs one step at an offered rate; {@code seconds} long. */
    interface Runner {
        Outcome run(double rate) throws Exception;
    }

    /**
     * What a step measured, whether anything beyond the load generator's figures failed it (null: nothing), and the
     * CPU the generator and the service used meanwhile (null: not measured).
     */
    record Outcome(GatlingRun.Stats stats, String failedBecause, CpuMeter.Use cpu) {
        Outcome(GatlingRun.Stats stats, String failedBecause) {
            this(stats, failedBecause, null);
        }

        static Outcome of(GatlingRun.Stats stats) {
            return new Outcome(stats, null, null);
        }
    }

    /** One offered rate held for a step, and whether the service sustained it. */
    record Step(boolean sustained, GatlingRun.Stats stats, String failedBecause, CpuMeter.Use cpu) {}

    /** The highest sustained rate of one target, with every step that led there and the CPU use at that rate. */
    record Search(
            String target,
            String instance,
            double maxRps,
            GatlingRun.Stats atMax,
            CpuMeter.Use cpuAtMax,
            List<Step> steps) {}

    private final double startRate;
    private final double precision;
    private final double maxP99Ms;
    private final Map<String, Double> lastMax = new LinkedHashMap<>();

    RateSearch(double startRate, double precision, double maxP99Ms) {
        this.startRate = startRate;
        this.precision = precision;
        this.maxP99Ms = maxP99Ms;
    }

    Search find(String target, String instance, Runner runner) throws Exception {
        Double hint = lastMax.get(target);
        boolean hinted = hint != null && hint > 0;
        double rate = hinted ? Math.max(MIN_RATE, Math.round(hint * 0.75)) : startRate;
        double growth = hinted ? 1.2 : 1.6;
        List<Step> steps = new ArrayList<>();
        GatlingRun.Stats best = null;
        CpuMeter.Use cpuAtBest = null;
        double lowestFailed = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_STEPS; i++) {
            Outcome outcome = runner.run(rate);
            GatlingRun.Stats stats = outcome.stats();
            String failedBecause = outcome.failedBecause() != null ? outcome.failedBecause() : unsustained(stats);
            boolean sustained = failedBecause == null;
            steps.add(new Step(sustained, stats, failedBecause, outcome.cpu()));
            System.out.printf(
                    Locale.ROOT,
                    "  %-11s %s%s  %s%n",
                    target,
                    describe(stats),
                    outcome.cpu() == null ? "" : "; " + CpuMeter.describe(outcome.cpu()),
                    sustained ? "sustained" : "NOT sustained (" + failedBecause + ")");
            if (sustained && (best == null || rate > best.offeredRps())) {
                best = stats;
                cpuAtBest = outcome.cpu();
            } else if (!sustained) {
                lowestFailed = Math.min(lowestFailed, rate);
            }
            double next;
            if (lowestFailed == Double.POSITIVE_INFINITY) {
                next = rate * growth;
            } else if (best == null) {
                if (rate <= MIN_RATE) {
                    break;
                }
                next = Math.max(MIN_RATE, rate / 2);
            } else if (lowestFailed / best.offeredRps() <= precision) {
                break;
            } else {
                next = Math.sqrt(best.offeredRps() * lowestFailed);
            }
            rate = Math.round(next);
            // Let connections, queues and garbage left by an overloaded step settle before the next one.
            TimeUnit.SECONDS.sleep(sustained ? 1 : 5);
        }
        TimeUnit.SECONDS.sleep(5);
        double max = best == null ? 0 : best.offeredRps();
        lastMax.put(target, max);
        System.out.printf(Locale.ROOT, "  %-11s max sustained %.0f/s%n", target, max);
        return new Search(target, instance, max, best, cpuAtBest, steps);
    }

    /** Why the load generator's figures fail a step, or null when they do not. */
    String unsustained(GatlingRun.Stats stats) {
        long expected = Math.round(stats.offeredRps() * stats.seconds());
        if (stats.errorRate() > MAX_ERROR_RATE) {
            return String.format(Locale.ROOT, "errors %.3f %%", stats.errorRate() * 100);
        }
        if (stats.p99Ms() > maxP99Ms) {
            return String.format(Locale.ROOT, "p99 above %.0f ms", maxP99Ms);
        }
        if (stats.requests() < expected * 0.98) {
            return "arrivals not all served";
        }
        if (stats.arrivalRps() < stats.offeredRps() * MIN_ARRIVAL_SHARE) {
            return "generator fell behind";
        }
        return null;
    }

    static String describe(GatlingRun.Stats s) {
        return String.format(
                Locale.ROOT,
                "%6.0f/s: p50 %7.2f ms, p95 %7.2f, p99 %7.2f, p99.9 %7.2f, max %7.1f; errors %.3f %% of %d;"
                        + " arrivals %.0f/s",
                s.offeredRps(),
                s.p50Ms(),
                s.p95Ms(),
                s.p99Ms(),
                s.p999Ms(),
                s.maxMs(),
                s.errorRate() * 100,
                s.requests(),
                s.arrivalRps());
    }
}
