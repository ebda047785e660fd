package dev.storefront.loadtests;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records every request's latency in microseconds, from the moment Gatling started its virtual user (the arrival the
 * open-model injector scheduled) to the moment the response was checked, so time a request spent waiting inside the
 * load generator counts too, and at a finer grain than Gatling's own whole-millisecond figures. Failed requests (a
 * wrong status, a timeout, a refused connection) are counted and their latency recorded as well.
 *
 * <p>One recording at a time per JVM: the benchmark driver {@link #reset() resets} it before each run and takes a
 * {@link #snapshot() snapshot} after. Safe for concurrent recording.
 */
public final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final Recorder RECORDER = new Recorder(HIGHEST_MICROS, 3);
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong FAILURES = new AtomicLong();
    private static final AtomicLong FIRST_ARRIVAL = new AtomicLong(Long.MAX_VALUE);
    private static final AtomicLong LAST_ARRIVAL = new AtomicLong(Long.MIN_VALUE);

    private LatencyRecorder() {}

    /** What was recorded since the last reset. */
    public record Snapshot(long requests, long failures, Histogram micros, double arrivalSeconds) {

        /** Arrivals per second actually achieved, which falls short of the offered rate if the generator lags. */
        public double arrivalRate() {
            return arrivalSeconds <= 0 ? 0 : (requests - 1) / arrivalSeconds;
        }
    }

    /** Called from the simulations for every request: {@code arrival} is {@link System#nanoTime()} at user start. */
    public static void record(long arrival, boolean failed) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, (System.nanoTime() - arrival) / 1_000));
        RECORDER.recordValue(micros);
        REQUESTS.incrementAndGet();
        if (failed) {
            FAILURES.incrementAndGet();
        }
        FIRST_ARRIVAL.accumulateAndGet(arrival, Math::min);
        LAST_ARRIVAL.accumulateAndGet(arrival, Math::max);
    }

    public static void reset() {
        RECORDER.reset();
        REQUESTS.set(0);
        FAILURES.set(0);
        FIRST_ARRIVAL.set(Long.MAX_VALUE);
        LAST_ARRIVAL.set(Long.MIN_VALUE);
    }

    public static Snapshot snapshot() {
        long first = FIRST_ARRIVAL.get();
        long last = LAST_ARRIVAL.get();
        double span = first == Long.MAX_VALUE ? 0 : (last - first) / 1e9;
        return new Snapshot(REQUESTS.get(), FAILURES.get(), RECORDER.getIntervalHistogram(), span);
    }
}
