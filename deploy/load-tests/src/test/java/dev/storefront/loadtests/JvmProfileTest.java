package dev.storefront.loadtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two JVM profiles of deploy/jvm say what they promise, and the containers run exactly the throughput profile:
 * the image cannot read the file, so Dockerfile.service repeats its flags, and this is what keeps the two from
 * drifting apart. The heap must also still fit the Kubernetes memory limits.
 */
class JvmProfileTest {

    /** What a service needs beside its heap: metaspace, code cache, thread stacks, direct buffers, the JVM itself. */
    private static final long NON_HEAP_MIB = 192;

    private static final Path ROOT = repositoryRoot();

    @Test
    void aProfileFileIsOneOptionPerLineWithCommentsAndBlankLinesIgnored() {
        List<String> options = JvmProfile.parse(List.of(
                "# a comment line",
                "",
                "-XX:+UseParallelGC",
                "  -Xss512k   # why: a trailing comment",
                "-Xmx1g -Xms1g"));

        assertThat(options).containsExactly("-XX:+UseParallelGC", "-Xss512k", "-Xmx1g", "-Xms1g");
    }

    @Test
    void fastStartCompilesWithC1OnlyAndThroughputWithFullTieredCompilation() {
        JvmProfile fastStart = JvmProfile.load(ROOT, JvmProfile.FAST_START);
        JvmProfile throughput = JvmProfile.load(ROOT, JvmProfile.THROUGHPUT);

        assertThat(fastStart.options()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(throughput.options()).noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel"));
        assertThat(throughput.options()).contains("-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void aBenchmarkRunsTheThroughputProfileUnlessToldOtherwise() {
        assertThat(JvmProfile.forBenchmark(ROOT, Map.of()).name()).isEqualTo(JvmProfile.THROUGHPUT);
        assertThat(JvmProfile.forBenchmark(ROOT, Map.of("BENCH_JVM_PROFILE", "fast-start"))
                        .options())
                .isEqualTo(JvmProfile.load(ROOT, JvmProfile.FAST_START).options());

        JvmProfile custom = JvmProfile.forBenchmark(
                ROOT, Map.of("BENCH_JVM_PROFILE", "fast-start", "SERVICE_JAVA_OPTS", " -XX:+UseG1GC  -Xmx256m "));
        assertThat(custom.name()).isEqualTo("custom");
        assertThat(custom.source()).isEqualTo("SERVICE_JAVA_OPTS");
        assertThat(custom.options()).containsExactly("-XX:+UseG1GC", "-Xmx256m");
    }

    @Test
    void anUnknownProfileIsRefusedWithTheNamesThereAre() {
        assertThatThrownBy(() -> JvmProfile.forBenchmark(ROOT, Map.of("BENCH_JVM_PROFILE", "turbo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("turbo")
                .hasMessageContaining("fast-start")
                .hasMessageContaining("throughput");
        assertThatThrownBy(() -> JvmProfile.load(ROOT, "../jvm/throughput"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServiceImageRunsExactlyTheThroughputFlags() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/compose/Dockerfile.service"));
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)]\\s*$").matcher(dockerfile);
        assertThat(entrypoint.find())
                .as("Dockerfile.service has an exec-form ENTRYPOINT")
                .isTrue();
        List<String> command = Arrays.stream(entrypoint.group(1).split(","))
                .map(String::trim)
                .map(arg -> arg.substring(1, arg.length() - 1))
                .toList();

        assertThat(command.get(0)).isEqualTo("java");
        assertThat(command.subList(command.size() - 2, command.size())).containsExactly("-jar", "/app/service.jar");
        assertThat(command.subList(1, command.size() - 2))
                .as("the JVM flags of Dockerfile.service's ENTRYPOINT against deploy/jvm/throughput.options")
                .isEqualTo(JvmProfile.load(ROOT, JvmProfile.THROUGHPUT).options());
    }

    @Test
    void composeRunsEveryServiceFromTheImageAndSetsNoJvmFlagsOfItsOwn() throws IOException {
        String compose = Files.readString(ROOT.resolve("deploy/compose/docker-compose.yml"));
        List<String> lines =
                compose.lines().filter(line -> !line.strip().startsWith("#")).toList();

        assertThat(lines.stream().filter(l -> l.strip().equals("dockerfile: deploy/compose/Dockerfile.service")))
                .as("catalog, order and notification service are built from Dockerfile.service")
                .hasSize(3);
        assertThat(lines)
                .as("no JVM flags in compose that would differ from the image's")
                .noneMatch(l -> l.contains("-XX:") || l.contains("JAVA_TOOL_OPTIONS") || l.contains("_JAVA_OPTIONS"));
    }

    @Test
    void theThroughputHeapLeavesRoomForTheRestOfTheJvmInEveryKubernetesMemoryLimit() throws IOException {
        double heapShare = JvmProfile.load(ROOT, JvmProfile.THROUGHPUT).options().stream()
                        .filter(o -> o.startsWith("-XX:MaxRAMPercentage="))
                        .map(o -> Double.parseDouble(o.substring("-XX:MaxRAMPercentage=".length())))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("throughput.options sets no -XX:MaxRAMPercentage"))
                / 100;
        List<Long> limits = new ArrayList<>();
        for (String service : List.of("catalog-service", "order-service", "notification-service")) {
            String manifest = Files.readString(ROOT.resolve("deploy/k8s/base/" + service + ".yaml"));
            Matcher limit =
                    Pattern.compile("(?s)limits:\\s*\\n\\s*memory:\\s*(\\d+)Mi").matcher(manifest);
            assertThat(limit.find()).as(service + " has a memory limit in Mi").isTrue();
            limits.add(Long.parseLong(limit.group(1)));
        }

        assertThat(limits).allSatisfy(limitMib -> {
            long heapMib = (long) (limitMib * heapShare);
            assertThat(heapMib + NON_HEAP_MIB)
                    .as("heap %d MiB + %d MiB beside it, in a %d Mi limit", heapMib, NON_HEAP_MIB, limitMib)
                    .isLessThanOrEqualTo(limitMib);
        });
    }

    private static long mebibytes(String size) {
        long value = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'g' -> value * 1024;
            case 'm' -> value;
            case 'k' -> value / 1024;
            default -> throw new IllegalArgumentException("unexpected size " + size);
        };
    }

    /** Surefire runs in the module's folder; the repository root is where deploy/jvm is. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(JvmProfile.DIRECTORY))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no " + JvmProfile.DIRECTORY + " above " + Path.of("").toAbsolutePath());
    }
}
