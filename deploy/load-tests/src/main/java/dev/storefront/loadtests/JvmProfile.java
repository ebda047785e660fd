package dev.storefront.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM flags a benchmark starts its service instances with: a named profile from {@code deploy/jvm/<name>.options}
 * (one option per line, {@code #} starts a comment: a java argument file, which the local stack hands to the JVM as
 * {@code @file}), or whatever {@code SERVICE_JAVA_OPTS} says. {@code source} tells which, for the printed summary and
 * the JSON.
 */
record JvmProfile(String name, String source, List<String> options) {

    static final String THROUGHPUT = "throughput";
    static final String FAST_START = "fast-start";
    static final String DIRECTORY = "deploy/jvm";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * What a benchmark runs: {@code SERVICE_JAVA_OPTS} when set (profile {@code custom}), else the profile named by
     * {@code BENCH_JVM_PROFILE}, else {@code throughput}: a benchmark measures what the containers run.
     */
    static JvmProfile forBenchmark(Path root, Map<String, String> env) {
        String custom = env.get("SERVICE_JAVA_OPTS");
        if (custom != null && !custom.isBlank()) {
            return new JvmProfile("custom", "SERVICE_JAVA_OPTS", split(custom));
        }
        String name = env.get("BENCH_JVM_PROFILE");
        return load(root, name == null || name.isBlank() ? THROUGHPUT : name.trim());
    }

    static JvmProfile load(Path root, String name) {
        Path file = root.resolve(DIRECTORY).resolve(name + ".options");
        if (!NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no JVM profile '" + name + "': " + DIRECTORY + " has " + names(root));
        }
        try {
            return new JvmProfile(name, DIRECTORY + "/" + name + ".options", parse(Files.readAllLines(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options of a profile file: everything after a {@code #} is a comment; options are separated by blanks. */
    static List<String> parse(List<String> lines) {
        List<String> options = new ArrayList<>();
        for (String line : lines) {
            int comment = line.indexOf('#');
            options.addAll(split(comment < 0 ? line : line.substring(0, comment)));
        }
        return List.copyOf(options);
    }

    /** The profile names there are, e.g. {@code [fast-start, throughput]}. */
    static List<String> names(Path root) {
        try (Stream<Path> files = Files.list(root.resolve(DIRECTORY))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".options"))
                    .map(f -> f.substring(0, f.length() - ".options".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    /** {@code throughput (deploy/jvm/throughput.options): -XX:+UseParallelGC ...}, for progress lines. */
    String describe() {
        return name + " (" + source + "): " + String.join(" ", options);
    }
}
