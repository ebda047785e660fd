package dev.storefront.loadtests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop maximum with {@code wrk}: a fixed number of connections, each sending its next request as soon as the
 * previous answer arrived, so the rate is as high as the service (and wrk, on the same cores) allows. Beside
 * Gatling's open-model figures it shows how much an in-process JVM generator costs the service; its latencies are
 * those of a closed loop (a slow answer delays the requests behind it instead of queueing them) and are reported for
 * context only. wrk is a C program using one event loop per thread, far cheaper per request than Gatling.
 */
final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path executable;

    private Wrk(Path executable) {
        this.executable = executable;
    }

    /** wrk from the PATH, if it is installed (deploy/bench/catalog.sh installs it where it can). */
    static Optional<Wrk> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Wrk(candidate));
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    /**
     * What one run measured. {@code errorRate} counts answers other than 2xx/3xx and socket errors (connect, read,
     * write, timeout) over the requests; latencies in milliseconds, from wrk's latency distribution.
     */
    record Result(
            int threads,
            int connections,
            int seconds,
            long requests,
            double rps,
            Double p50Ms,
            Double p99Ms,
            long non2xx,
            long socketErrors,
            double errorRate) {}

    /**
     * Runs {@code wrk -t<threads> -c<connections> -d<seconds>s --latency [-s script] url [-- scriptArgs]} and parses
     * what it printed.
     */
    Result run(String url, int threads, int connections, int seconds, Path script, List<String> scriptArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(executable.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        if (!scriptArgs.isEmpty()) {
            command.add("--");
            command.addAll(scriptArgs);
        }
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        // wrk prints its report once, at the end: reading to the end of its output is waiting for it.
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + command);
        }
        if (wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk ended with " + wrk.exitValue() + ": " + output.strip());
        }
        return parse(output, threads, connections, seconds);
    }

    /** wrk's report, e.g. "Requests/sec: 12345.67" and the "99%  4.50ms" line of its latency distribution. */
    static Result parse(String output, int threads, int connections, int seconds) {
        Matcher rate = RATE.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        if (!rate.find() || !requests.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + output.strip());
        }
        long count = Long.parseLong(requests.group(1));
        Matcher non2xx = NON_2XX.matcher(output);
        long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(
                threads,
                connections,
                seconds,
                count,
                Double.parseDouble(rate.group(1)),
                percentileMs(output, "50%"),
                percentileMs(output, "99%"),
                bad,
                socketErrors,
                count == 0 ? 1.0 : Figures.round4((double) (bad + socketErrors) / count));
    }

    private static Double percentileMs(String output, String percentile) {
        Matcher m = Pattern.compile(
                        "^\\s*" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE)
                .matcher(output);
        return m.find() ? Figures.round3(Double.parseDouble(m.group(1)) * msPer(m.group(2))) : null;
    }

    private static double msPer(String unit) {
        return switch (unit) {
            case "us" -> 0.001;
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
    }

    static String describe(Result r) {
        return String.format(
                Locale.ROOT,
                "%8.0f/s closed loop (%d connections): p50 %s ms, p99 %s ms; errors %.3f %% of %d",
                r.rps(),
                r.connections(),
                r.p50Ms() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", r.p50Ms()),
                r.p99Ms() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", r.p99Ms()),
                r.errorRate() * 100,
                r.requests());
    }
}
