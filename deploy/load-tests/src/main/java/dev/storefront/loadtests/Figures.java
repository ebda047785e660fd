package dev.storefront.loadtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** What the benchmarks share to summarise repetitions and print them: medians, spreads, ratios, rounding. */
final class Figures {

    private Figures() {}

    /**
     * One target over the repetitions: {@code median}, {@code min}, {@code max}, every value, the target and whether
     * the median {@code met} it ({@code met} null: the target is judged elsewhere). Repetitions without the figure
     * are left out.
     */
    static <R> Map<String, Object> summary(
            List<R> repetitions, Function<R, Double> figure, String target, DoublePredicate met) {
        double[] values = repetitions.stream()
                .map(figure)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", values.length == 0 ? null : round4(median(values)));
        m.put("min", values.length == 0 ? null : values[0]);
        m.put("max", values.length == 0 ? null : values[values.length - 1]);
        m.put("values", values);
        m.put("target", target);
        m.put("met", values.length == 0 || met == null ? null : met.test(median(values)));
        return m;
    }

    /** A target's bar as targets.md states it: the text printed beside a figure, and whether a median meets it. */
    record Bar(String text, DoublePredicate met) {
        static Bar atLeast(double bound) {
            return new Bar(">= " + plain(bound), v -> v >= bound);
        }

        static Bar atMost(double bound) {
            return new Bar("<= " + plain(bound), v -> v <= bound);
        }

        private static String plain(double bound) {
            return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
        }
    }

    /** {@link #summary} against a {@link Bar}. */
    static <R> Map<String, Object> summary(List<R> repetitions, Function<R, Double> figure, Bar bar) {
        return summary(repetitions, figure, bar.text(), bar.met());
    }

    /** One line of a benchmark's printed summary for a {@link #summary}. */
    static void line(StringBuilder text, String label, Object summary) {
        Map<String, Object> m = map(summary);
        if (m.get("median") == null) {
            text.append(String.format(Locale.ROOT, "  %s: not measured%n", label));
            return;
        }
        text.append(String.format(
                Locale.ROOT,
                "  %s: median %.3f (spread %.3f-%.3f), target %s%s%n",
                label,
                (double) m.get("median"),
                (double) m.get("min"),
                (double) m.get("max"),
                m.get("target"),
                m.get("met") == null ? "" : Boolean.TRUE.equals(m.get("met")) ? ": met" : ": NOT met"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object summary) {
        return (Map<String, Object>) summary;
    }

    static <R> double medianOf(List<R> repetitions, ToDoubleFunction<R> value) {
        return median(repetitions.stream().mapToDouble(value).sorted().toArray());
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static Double ratio(double numerator, double denominator) {
        return denominator <= 0 ? null : round3(numerator / denominator);
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static double round4(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a benchmark's JSON result as {@code <benchmark>-<UTC time>.json} under {@code deploy/bench/results} of
     * {@code root} (or {@code -Dstorefront.bench.out}); the file written.
     */
    static Path writeResult(Path root, String benchmark, Map<String, Object> json) throws IOException {
        Path out = Path.of(System.getProperty("storefront.bench.out", root + "/deploy/bench/results"));
        Files.createDirectories(out);
        Path file = out.resolve(benchmark + "-" + Instant.now().toString().replace(':', '-') + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }
}
