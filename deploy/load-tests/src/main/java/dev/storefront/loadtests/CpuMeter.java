package dev.storefront.loadtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of the load generator and of the service under load over one phase, from the kernel's accounting in
 * {@code /proc} (Linux; elsewhere every figure is absent): {@code utime + stime} of each process, in clock ticks
 * ({@code getconf CLK_TCK}), and the busy ticks of the whole machine from {@code /proc/stat}. On two cores the
 * generator shares the service's CPU, so these say how far a rate is the service's and how far the generator's.
 *
 * <p>The generator is either this JVM (Gatling runs inside it) or the child processes it waited for during the
 * phase: a finished child's CPU time is added to its parent's {@code cutime + cstime} when the parent reaps it, which
 * is how a wrk run that has already exited is accounted. No other child (the service instances) ends during such a
 * phase.
 */
final class CpuMeter {

    static final long TICKS_PER_SECOND = clockTicks();
    private static final Path SELF =
            Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "stat");

    /** Who the load generator is. */
    enum Generator {
        /** This JVM: Gatling, in-process. */
        THIS_JVM,
        /** Child processes this JVM started and waited for within the phase: wrk. */
        FINISHED_CHILDREN
    }

    /** The counters at one moment, in clock ticks; -1 where unreadable. */
    record Reading(long nanos, long generatorTicks, long serviceTicks, long machineBusyTicks) {}

    /**
     * CPU over one phase: seconds of CPU, and the share, CPU seconds per wall second, so 1.0 is one core busy the
     * whole phase (up to 2.0 on two cores). {@code restShare} is the machine's remaining busy share: Postgres, Redis,
     * the stack's own services, idle instances, the operating system.
     */
    record Use(
            double wallSeconds,
            double generatorCpuSeconds,
            double generatorShare,
            double serviceCpuSeconds,
            double serviceShare,
            Double restShare) {}

    private final Generator generator;
    private final long servicePid;

    CpuMeter(Generator generator, long servicePid) {
        this.generator = generator;
        this.servicePid = servicePid;
    }

    Reading read() {
        long[] self = ticks(SELF);
        long generatorTicks =
                self == null ? -1 : generator == Generator.THIS_JVM ? self[0] + self[1] : self[2] + self[3];
        long[] service = ticks(Path.of("/proc", Long.toString(servicePid), "stat"));
        return new Reading(
                System.nanoTime(), generatorTicks, service == null ? -1 : service[0] + service[1], machineBusyTicks());
    }

    /** What was used since {@code start}, or null when /proc could not be read. */
    Use since(Reading start) {
        Reading end = read();
        if (start.generatorTicks() < 0
                || end.generatorTicks() < 0
                || start.serviceTicks() < 0
                || end.serviceTicks() < 0) {
            return null;
        }
        double wall = (end.nanos() - start.nanos()) / 1e9;
        long generatorTicks = end.generatorTicks() - start.generatorTicks();
        long serviceTicks = end.serviceTicks() - start.serviceTicks();
        Double rest = null;
        if (start.machineBusyTicks() >= 0 && end.machineBusyTicks() >= 0) {
            long restTicks = end.machineBusyTicks() - start.machineBusyTicks() - generatorTicks - serviceTicks;
            rest = Figures.round3(Math.max(0, restTicks) / (double) TICKS_PER_SECOND / wall);
        }
        return new Use(
                Figures.round3(wall),
                seconds(generatorTicks),
                Figures.round3(generatorTicks / (double) TICKS_PER_SECOND / wall),
                seconds(serviceTicks),
                Figures.round3(serviceTicks / (double) TICKS_PER_SECOND / wall),
                rest);
    }

    /** {@code cores: generator 1.10, service 0.72, rest 0.05}, for progress lines. */
    static String describe(Use use) {
        return String.format(
                Locale.ROOT,
                "cores: generator %.2f, service %.2f, rest %s",
                use.generatorShare(),
                use.serviceShare(),
                use.restShare() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", use.restShare()));
    }

    private static double seconds(long ticks) {
        return Figures.round3(ticks / (double) TICKS_PER_SECOND);
    }

    /** utime, stime, cutime and cstime from a /proc/[pid]/stat file, or null when it cannot be read. */
    static long[] ticks(Path stat) {
        try {
            return parseStat(Files.readString(stat, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            // the process ended, or this is not Linux
            return null;
        }
    }

    /**
     * Fields 14 to 17 of a stat line (proc(5)). The command name, field 2, is in parentheses and may itself contain
     * blanks and parentheses, so the fields are counted from the last closing parenthesis, which is followed by
     * field 3.
     */
    static long[] parseStat(String line) {
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" +");
        return new long[] {
            Long.parseLong(fields[14 - 3]),
            Long.parseLong(fields[15 - 3]),
            Long.parseLong(fields[16 - 3]),
            Long.parseLong(fields[17 - 3])
        };
    }

    /** Busy ticks of all cores since boot: the first line of /proc/stat less idle and iowait; -1 when unreadable. */
    static long machineBusyTicks() {
        try (var lines = Files.lines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
            return lines.findFirst().map(CpuMeter::busyTicks).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}: busy is user + nice + system +
     * irq + softirq + steal (guest time is already counted in user).
     */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split(" +");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += i < f.length ? Long.parseLong(f[i]) : 0;
        }
        return busy;
    }

    /** {@code getconf CLK_TCK}, the unit of the /proc figures; 100 (what Linux reports everywhere) if that fails. */
    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // not there: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
