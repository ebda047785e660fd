package dev.storefront.loadtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory (VmRSS from /proc, Linux) of the local stack's service processes, found by the jar on their command
 * line, sampled every 250 ms while a step runs; the peak of each is kept.
 */
final class ProcessMemory {

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** Finds the stack's processes of {@code services} (e.g. "order-service"), leaving out this JVM's children. */
    static ProcessMemory ofStack(Iterable<String> services) {
        ProcessMemory memory = new ProcessMemory();
        var mine = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
        for (String service : services) {
            ProcessHandle.allProcesses()
                    .filter(p -> !mine.contains(p.pid()))
                    .filter(p -> p.info()
                            .commandLine()
                            .map(line -> line.contains(service + ".jar"))
                            .orElse(false))
                    .findFirst()
                    .ifPresent(p -> memory.pids.put(service, p.pid()));
        }
        return memory;
    }

    Map<String, Long> pids() {
        return pids;
    }

    /** Starts sampling; the returned handle's {@code stop()} gives the peak MiB per service. */
    Sampling sample() {
        return new Sampling();
    }

    final class Sampling {
        private final Map<String, Long> peakKib = new ConcurrentHashMap<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        private Sampling() {
            timer.scheduleAtFixedRate(this::once, 0, 250, TimeUnit.MILLISECONDS);
        }

        private void once() {
            pids.forEach((service, pid) -> rssKib(pid).ifPresent(kib -> peakKib.merge(service, kib, Math::max)));
        }

        Map<String, Double> stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(2, TimeUnit.SECONDS);
            once();
            Map<String, Double> mib = new LinkedHashMap<>();
            pids.keySet()
                    .forEach(service -> mib.put(service, Math.round(peakKib.getOrDefault(service, 0L) / 102.4) / 10.0));
            return mib;
        }
    }

    static Optional<Long> rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended, or this is not Linux
        }
        return Optional.empty();
    }
}
