package dev.storefront.loadtests;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.storefront.infra.DemoIssuer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How many notification streams one notification-service instance holds, with its memory (M1 of targets.md: resident
 * memory of a service <= 300 MiB) and the push latency at each count.
 *
 * <p>The benchmark starts its own instance from {@code notification-service/target/notification-service.jar} next to a
 * running local stack, with the stack's Postgres, Redis and Kafka, the stack's token issuer (its public JWKS), the
 * benchmark's JVM profile, {@code -XX:MaxRAM} of the pods' memory limit (so the heap ceiling is the pods'), the stream
 * limit raised above the largest step, rate limits off and its Kafka consumer off: the stack's notification-service
 * turns the order events into notifications and announces them over Redis, and this instance pushes them to its
 * streams, the cross-instance path every push takes when there is more than one instance.
 *
 * <p>Streams are opened in steps (500, 1000, 2000, ...; each step adds to the streams already open), one customer
 * per stream. At each step: the open rate, the instance's RSS after opening and its peak while pushes flow, its heap
 * and threads (from {@code /prometheus}), and the push latency, from the creation of a notification
 * ({@code createdAt}, written by notification-service) to its receipt on the stream, for the notifications of orders
 * that a sample of the streams' customers place through order-service at a fixed rate while the step runs (each
 * order gives two: received, then confirmed). The run stops at the first step with a stream refused, failed or ended,
 * or a notification not pushed, above an RSS limit, or past its time budget. The client's own CPU is reported beside
 * the instance's ({@link CpuMeter}): on two cores it competes with the instance it measures.
 *
 * <p>Usage: {@code deploy/bench/streams.sh}; settings in deploy/bench/README.md.
 */
public final class StreamCapacityBenchmark {

    private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*true");
    private static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final double M1_MIB = 300;

    private final Settings settings;
    private final String run = "streams-" + Long.toString(System.currentTimeMillis(), 36);
    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toMicros(5), 3);
    private final AtomicLong timed = new AtomicLong();
    private final List<String> skus = new ArrayList<>();
    private volatile long measuredSince = Long.MAX_VALUE;
    private DemoIssuer issuer;
    private NotificationStreams client;
    private ServiceInstance instance;
    private int open;
    private double idleRssMib;

    private StreamCapacityBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** Everything the run depends on, from the environment; see deploy/bench/README.md. */
    record Settings(
            Path root,
            String mode,
            List<Integer> steps,
            int port,
            JvmProfile jvm,
            String maxRam,
            double maxRssMib,
            int budgetSeconds,
            int sample,
            double orderRate,
            int pushSeconds,
            int warmupSeconds,
            int settleSeconds,
            int openParallel,
            int fileLimit,
            String orderUrl,
            String catalogUrl,
            String notificationUrl,
            String dbUrl,
            String dbUser,
            String dbPassword,
            String redisUri,
            String kafkaBootstrap,
            String nproc,
            String memory) {

        static Settings from() {
            boolean quick = "1".equals(env("QUICK", "0"));
            Path root = Path.of(System.getProperty("storefront.root", "."))
                    .toAbsolutePath()
                    .normalize();
            return new Settings(
                    root,
                    quick ? "quick" : "full",
                    Arrays.stream(env(
                                            "BENCH_STREAM_STEPS",
                                            quick ? "500,1000,2000,4000,8000" : "500,1000,2000,4000,8000,16000")
                                    .split(","))
                            .map(String::trim)
                            .map(Integer::parseInt)
                            .toList(),
                    intEnv("BENCH_STREAM_PORT", 18095),
                    JvmProfile.forBenchmark(root, System.getenv()),
                    env("BENCH_STREAM_MAX_RAM", "384m"),
                    Double.parseDouble(env("BENCH_STREAM_MAX_RSS_MIB", "1024")),
                    intEnv("BENCH_STREAM_BUDGET_SECONDS", quick ? 600 : 1500),
                    intEnv("BENCH_STREAM_SAMPLE", 50),
                    Double.parseDouble(env("BENCH_STREAM_ORDER_RATE", "5")),
                    intEnv("BENCH_STREAM_PUSH_SECONDS", quick ? 16 : 30),
                    intEnv("BENCH_STREAM_WARMUP_SECONDS", quick ? 10 : 20),
                    intEnv("BENCH_SETTLE_SECONDS", 20),
                    intEnv("BENCH_STREAM_OPEN_PARALLEL", 64),
                    intEnv("BENCH_NOFILE", 0),
                    env("ORDER_URL", "http://127.0.0.1:8082"),
                    env("CATALOG_URL", "http://127.0.0.1:8081"),
                    env("NOTIFICATION_URL", "http://127.0.0.1:8083"),
                    env(
                            "NOTIFICATION_DB_URL",
                            "jdbc:postgresql://127.0.0.1:5432/storefront?currentSchema=notification"),
                    env("NOTIFICATION_DB_USER", "notification_service"),
                    env("NOTIFICATION_DB_PASSWORD", "notification_service"),
                    env("REDIS_URI", "redis://127.0.0.1:6379"),
                    env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                    env("BENCH_NPROC", Integer.toString(Runtime.getRuntime().availableProcessors())),
                    env("BENCH_FREE", "unknown"));
        }

        List<String> instanceJvmOptions() {
            List<String> options = new ArrayList<>(jvm.options());
            if (!maxRam.isBlank() && !maxRam.equals("0")) {
                options.add("-XX:MaxRAM=" + maxRam);
            }
            return options;
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        private static int intEnv(String name, int fallback) {
            return Integer.parseInt(env(name, Integer.toString(fallback)));
        }
    }

    /** What one round of orders gave: how many were placed, how many notifications arrived and how fast. */
    record Pushes(
            long orders,
            long ordersFailed,
            long expected,
            long received,
            long lost,
            Map<String, Double> latencyMs,
            CpuMeter.Use cpu,
            double peakRssMib) {}

    /** One step: the streams it held, what opening them cost, the memory they took and the pushes at that count. */
    record Step(
            int streams,
            long opened,
            long refused,
            long failed,
            long endedEarly,
            double openSeconds,
            double opensPerSecond,
            CpuMeter.Use openCpu,
            double rssAfterOpenMib,
            Map<String, Double> instanceMetrics,
            Pushes pushes,
            long catchUpWarnings,
            String stoppedBecause) {}

    public static void main(String[] args) throws Exception {
        System.setOut(new PrintStream(new ConsoleFilter(new FileOutputStream(FileDescriptor.out)), true, UTF_8));
        new StreamCapacityBenchmark(Settings.from()).run();
    }

    private void run() throws Exception {
        Settings s = settings;
        require(s.orderUrl() + "/health", "no order-service answers on " + s.orderUrl());
        require(s.catalogUrl() + "/health", "no catalog-service answers on " + s.catalogUrl());
        require(s.notificationUrl() + "/health", "no notification-service answers on " + s.notificationUrl());
        if (Figures.listening("127.0.0.1", s.port())) {
            throw new IllegalStateException("port " + s.port() + " is in use; set BENCH_STREAM_PORT");
        }
        Path jar = s.root().resolve("notification-service/target/notification-service.jar");
        issuer = AdminToken.issuer(s.root());
        String admin = AdminToken.mint(issuer, Duration.ofHours(6));
        findProducts(admin);
        int largest = s.steps().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", s.dbUrl());
        env.put("DB_USER", s.dbUser());
        env.put("DB_PASSWORD", s.dbPassword());
        env.put("REDIS_URI", s.redisUri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrap());
        env.put("STOREFRONT_JWKS_URL", issuer.jwksUrl());
        env.put("LOG_FORMAT", "json");
        env.put("STOREFRONT_NOTIFICATION_MAX_STREAMS", Integer.toString(largest + s.sample()));
        // The stack's instance consumes the order events and announces each notification; this one only pushes.
        env.put("STOREFRONT_MESSAGING_CONSUMER_ENABLED", "false");
        env.put("STOREFRONT_MESSAGING_RELAY_ENABLED", "false");
        // One client address opening thousands of streams: the benchmark measures the service, not the rate limiter.
        env.put("STOREFRONT_RATE_LIMITS_ENABLED", "false");
        List<String> jvm = s.instanceJvmOptions();
        System.out.printf(
                Locale.ROOT,
                "Stream instance JVM: %s%s%nSteps %s; sample of %d customers placing %.1f orders/s for %d s per step%n",
                s.jvm().describe(),
                jvm.size() > s.jvm().options().size() ? " + " + jvm.get(jvm.size() - 1) : "",
                s.steps(),
                s.sample(),
                s.orderRate(),
                s.pushSeconds());

        long started = System.nanoTime();
        List<Step> steps = new ArrayList<>();
        Pushes warmUp = null;
        String stopped = null;
        Path logs = s.root().resolve(".storefront/logs");
        instance = ServiceInstance.start(jar, "streams", s.port(), env, jvm, logs);
        Thread cleanup = new Thread(instance::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            ServiceInstance.Startup up = instance.awaitUp(Duration.ofSeconds(90), true);
            System.out.printf(
                    Locale.ROOT,
                    "Started notification-service %s (pid %d) in %d ms; log %s%n",
                    instance.baseUrl(),
                    instance.pid(),
                    up.healthyMs(),
                    instance.log());
            // Up and idle: what the instance takes before it holds any stream.
            TimeUnit.SECONDS.sleep(2);
            idleRssMib = rssMib();
            System.out.printf(Locale.ROOT, "RSS with no stream: %.1f MiB%n", idleRssMib);
            client = new NotificationStreams(instance.baseUrl(), this::pushed);
            openUpTo(s.sample());
            warmUp = pushes(s.warmupSeconds());
            System.out.printf(Locale.ROOT, "Warm-up with %d streams: %s%n", open, describe(warmUp));
            System.out.printf(
                    Locale.ROOT,
                    "%n  %7s %7s %7s %8s %9s %9s %8s %7s %6s %7s %7s %7s %7s %5s  %s%n",
                    "streams",
                    "opened",
                    "refused",
                    "open/s",
                    "RSS open",
                    "RSS peak",
                    "heap",
                    "threads",
                    "pushes",
                    "p50 ms",
                    "p90 ms",
                    "p99 ms",
                    "max ms",
                    "lost",
                    "cores while pushing: client / instance / rest");
            for (int target : s.steps()) {
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(s.budgetSeconds())) {
                    stopped = "time budget of " + s.budgetSeconds() + " s spent before " + target + " streams";
                    break;
                }
                if (s.fileLimit() > 0 && target + 1000 > s.fileLimit()) {
                    stopped = target + " streams need more file descriptors than the limit of " + s.fileLimit()
                            + " (ulimit -n) leaves";
                    break;
                }
                Step step = step(target);
                steps.add(step);
                System.out.println(row(step));
                if (step.stoppedBecause() != null) {
                    stopped = step.stoppedBecause();
                    break;
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
            instance.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        report(steps, warmUp, stopped == null ? "every step done" : stopped, jvm);
    }

    private Step step(int target) throws Exception {
        Settings s = settings;
        long warningsBefore = catchUpWarnings();
        NotificationStreams.Counts before = client.counts();
        CpuMeter meter = new CpuMeter(CpuMeter.Generator.THIS_JVM, instance.pid());
        long opening = target - open;
        // Tokens first, so that the open rate is the instance's and not the signing of RS256 tokens.
        List<String> tokens = new ArrayList<>();
        for (int i = open; i < target; i++) {
            tokens.add(AdminToken.customer(issuer, Duration.ofHours(6), subject(i)));
        }
        CpuMeter.Reading start = meter.read();
        long t0 = System.nanoTime();
        openUpTo(target, tokens);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Use openCpu = meter.since(start);
        TimeUnit.SECONDS.sleep(3);
        double rssAfterOpen = rssMib();
        NotificationStreams.Counts opened = client.counts();
        Pushes pushes = pushes(s.pushSeconds());
        NotificationStreams.Counts after = client.counts();
        Map<String, Double> metrics = instanceMetrics();
        long warnings = catchUpWarnings() - warningsBefore;
        long refused = after.refused() - before.refused();
        long failed = after.failed() - before.failed();
        long ended = after.endedEarly() - before.endedEarly();
        String stop = null;
        if (!instanceAlive()) {
            stop = "the instance exited at " + target + " streams; see " + instance.log();
        } else if (refused > 0 || failed > 0) {
            stop = refused + " streams refused and " + failed + " failed to open at " + target;
        } else if (ended > 0) {
            stop = ended + " streams ended by the instance at " + target;
        } else if (pushes.lost() > 0) {
            stop = pushes.lost() + " notifications not pushed within " + s.settleSeconds() + " s at " + target;
        } else if (Math.max(rssAfterOpen, pushes.peakRssMib()) > s.maxRssMib()) {
            stop = "RSS above " + s.maxRssMib() + " MiB at " + target + " streams";
        }
        return new Step(
                target,
                opened.opened() - before.opened(),
                refused,
                failed,
                ended,
                Figures.round3(openSeconds),
                opening == 0 ? 0 : Math.round(opening / openSeconds),
                openCpu,
                rssAfterOpen,
                metrics,
                pushes,
                warnings,
                stop);
    }

    private String subject(int i) {
        return run + "-" + i;
    }

    private void openUpTo(int target) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = open; i < target; i++) {
            tokens.add(AdminToken.customer(issuer, Duration.ofHours(6), subject(i)));
        }
        openUpTo(target, tokens);
    }

    /**
     * Opens streams {@code open} to {@code target - 1} (customer {@code <run>-<i>}, so the sample's carts, which
     * {@link PreparedCarts} names {@code <run>-0} ..., are theirs), {@code openParallel} at a time.
     */
    private void openUpTo(int target, List<String> tokens) throws Exception {
        Semaphore permits = new Semaphore(settings.openParallel());
        List<CompletableFuture<Integer>> opening = new ArrayList<>();
        for (int i = open; i < target; i++) {
            permits.acquire();
            CompletableFuture<Integer> one = client.open(subject(i), tokens.get(i - open));
            one.whenComplete((status, error) -> permits.release());
            opening.add(one);
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            // counted: the step reports streams that neither opened nor failed
        }
        open = target;
    }

    /** Called by the stream client for every notification; times those created while a round of orders runs. */
    private void pushed(NotificationStreams.Push push) {
        if (push.createdAtMicros() >= measuredSince) {
            latency.recordValue(Math.min(TimeUnit.MINUTES.toMicros(5), Math.max(0, push.latencyMicros())));
            timed.incrementAndGet();
        }
    }

    /**
     * One round of orders by the sample's customers at {@code orderRate} for {@code seconds}, carts prepared first;
     * then waits until each accepted order's two notifications arrived or {@code settleSeconds} passed.
     */
    private Pushes pushes(int seconds) throws Exception {
        Settings s = settings;
        int count = (int) Math.ceil(s.orderRate() * seconds) + 5;
        PreparedCarts.discard();
        PreparedCarts.prepare(s.orderUrl(), issuer, run, count, s.sample(), skus, 8);
        var carts = PreparedCarts.feeder();
        latency.reset();
        timed.set(0);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CpuMeter meter = new CpuMeter(CpuMeter.Generator.THIS_JVM, instance.pid());
        AtomicLong peakKib = new AtomicLong();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        timer.scheduleAtFixedRate(
                () -> ProcessMemory.rssKib(instance.pid()).ifPresent(kib -> peakKib.accumulateAndGet(kib, Math::max)),
                0,
                250,
                TimeUnit.MILLISECONDS);
        CpuMeter.Reading start = meter.read();
        measuredSince = NotificationStreams.nowMicros();
        int orders = (int) Math.round(s.orderRate() * seconds);
        long periodMicros = Math.round(1_000_000 / s.orderRate());
        AtomicLong placed = new AtomicLong();
        List<CompletableFuture<?>> checkouts = new java.util.concurrent.CopyOnWriteArrayList<>();
        var ticks = timer.scheduleAtFixedRate(
                () -> {
                    if (placed.incrementAndGet() > orders) {
                        return;
                    }
                    Map<String, Object> cart = carts.next();
                    checkouts.add(HTTP.sendAsync(
                                    HttpRequest.newBuilder(URI.create(s.orderUrl() + "/api/v1/orders"))
                                            .timeout(Duration.ofSeconds(10))
                                            .header("Authorization", "Bearer " + cart.get("token"))
                                            .header("Idempotency-Key", (String) cart.get("key"))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    "{\"cartId\":\"" + cart.get("cartId") + "\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, error) -> {
                                if (error == null && response.statusCode() == 201) {
                                    accepted.incrementAndGet();
                                } else {
                                    refused.incrementAndGet();
                                }
                            }));
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        TimeUnit.SECONDS.sleep(seconds);
        ticks.cancel(false);
        CompletableFuture.allOf(checkouts.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .get(30, TimeUnit.SECONDS);
        // Each accepted order notifies twice: received, then confirmed (or rejected).
        long expected = 2 * accepted.get();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.settleSeconds());
        while (timed.get() < expected && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        CpuMeter.Use cpu = meter.since(start);
        measuredSince = Long.MAX_VALUE;
        timer.shutdownNow();
        Histogram micros = latency.getIntervalHistogram();
        return new Pushes(
                accepted.get(),
                refused.get(),
                expected,
                timed.get(),
                Math.max(0, expected - timed.get()),
                percentiles(micros),
                cpu,
                Math.round(peakKib.get() / 102.4) / 10.0);
    }

    private double rssMib() {
        return ProcessMemory.rssKib(instance.pid())
                .map(kib -> Math.round(kib / 102.4) / 10.0)
                .orElse(0.0);
    }

    private boolean instanceAlive() {
        return ProcessHandle.of(instance.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Heap in use, live threads and the instance's own count of open streams, from its {@code /prometheus}. */
    private Map<String, Double> instanceMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try {
            String text = instance.get("/prometheus", AdminToken.mint(issuer, Duration.ofMinutes(5)));
            metrics.put(
                    "heapUsedMib", Math.round(sum(text, "jvm_memory_used_bytes", "area=\"heap\"") / 104857.6) / 10.0);
            metrics.put(
                    "nonHeapUsedMib",
                    Math.round(sum(text, "jvm_memory_used_bytes", "area=\"nonheap\"") / 104857.6) / 10.0);
            metrics.put(
                    "heapCommittedMib",
                    Math.round(sum(text, "jvm_memory_committed_bytes", "area=\"heap\"") / 104857.6) / 10.0);
            metrics.put("liveThreads", sum(text, "jvm_threads_live_threads", ""));
            metrics.put("streamsOpen", sum(text, "storefront_notifications_streams_open", ""));
        } catch (IOException | RuntimeException e) {
            System.out.println("  (no /prometheus figures: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return metrics;
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code label}. */
    static double sum(String text, String metric, String label) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric)
                    && (line.length() == metric.length() || " {".indexOf(line.charAt(metric.length())) >= 0)
                    && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Lines of the instance's log where a stream could not catch up (its query failed, e.g. no connection in time). */
    private long catchUpWarnings() {
        try (var lines = Files.lines(instance.log())) {
            return lines.filter(l -> l.contains("Could not catch a stream")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** The first 20 active generated products, their stock topped up to 100,000 units so that orders are confirmed. */
    private void findProducts(String admin) throws IOException, InterruptedException {
        for (int i = 1; skus.size() < 20 && i <= 2000; i++) {
            String sku = SkuFeeder.sku(i);
            HttpResponse<String> product = HTTP.send(
                    HttpRequest.newBuilder(URI.create(settings.catalogUrl() + "/api/v1/products/" + sku))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (product.statusCode() != 200 || !ACTIVE.matcher(product.body()).find()) {
                continue;
            }
            HttpResponse<String> stock = HTTP.send(
                    HttpRequest.newBuilder(URI.create(settings.catalogUrl() + "/api/v1/products/" + sku + "/stock"))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher available = AVAILABLE.matcher(stock.body());
            if (stock.statusCode() != 200 || !available.find()) {
                continue;
            }
            long missing = 100_000 - Long.parseLong(available.group(1));
            if (missing > 0) {
                HttpResponse<String> adjusted = HTTP.send(
                        HttpRequest.newBuilder(URI.create(
                                        settings.catalogUrl() + "/api/v1/products/" + sku + "/stock-adjustments"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"delta\":" + missing + ",\"reason\":\"stream benchmark\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (adjusted.statusCode() != 200) {
                    continue;
                }
            }
            skus.add(sku);
        }
        if (skus.isEmpty()) {
            throw new IllegalStateException(
                    "no active product with stock: load products first (deploy/load-catalog.sh)");
        }
        System.out.printf(Locale.ROOT, "Products ordered: %d (%s to %s)%n", skus.size(), skus.get(0), skus.getLast());
    }

    private static void require(String url, String otherwise) throws InterruptedException {
        try {
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(otherwise + ": start the local stack first (deploy/run-local.sh)");
        }
    }

    private static String describe(Pushes p) {
        return String.format(
                Locale.ROOT,
                "%d orders (%d failed), %d of %d notifications pushed, latency %s, %s",
                p.orders(),
                p.ordersFailed(),
                p.received(),
                p.expected(),
                p.latencyMs(),
                p.cpu() == null ? "" : CpuMeter.describe(p.cpu()));
    }

    private static String row(Step step) {
        Pushes p = step.pushes();
        Map<String, Double> ms = p.latencyMs();
        CpuMeter.Use cpu = p.cpu();
        return String.format(
                Locale.ROOT,
                "  %7d %7d %7d %8.0f %9.1f %9.1f %8s %7s %6d %7s %7s %7s %7s %5d  %s%s",
                step.streams(),
                step.opened(),
                step.refused() + step.failed(),
                step.opensPerSecond(),
                step.rssAfterOpenMib(),
                p.peakRssMib(),
                value(step.instanceMetrics().get("heapUsedMib")),
                value(step.instanceMetrics().get("liveThreads")),
                p.received(),
                value(ms.get("p50")),
                value(ms.get("p90")),
                value(ms.get("p99")),
                value(ms.get("max")),
                p.lost(),
                cpu == null
                        ? "n/a"
                        : String.format(
                                Locale.ROOT,
                                "%.2f / %.2f / %s",
                                cpu.generatorShare(),
                                cpu.serviceShare(),
                                cpu.restShare() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", cpu.restShare())),
                step.stoppedBecause() == null ? "" : "  <- " + step.stoppedBecause());
    }

    private static String value(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private void report(List<Step> steps, Pushes warmUp, String stopped, List<String> jvm) throws IOException {
        Settings s = settings;
        Step held = null;
        Step withinM1 = null;
        for (Step step : steps) {
            if (step.stoppedBecause() == null || step.stoppedBecause().startsWith("RSS")) {
                if (step.refused()
                                + step.failed()
                                + step.endedEarly()
                                + step.pushes().lost()
                        == 0) {
                    held = step;
                    if (Math.max(step.rssAfterOpenMib(), step.pushes().peakRssMib()) <= M1_MIB) {
                        withinM1 = step;
                    }
                }
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rssMibWithoutStreams", idleRssMib);
        results.put("maxStreamsHeld", held == null ? null : held.streams());
        results.put(
                "peakRssMibAtMax",
                held == null
                        ? null
                        : Math.max(held.rssAfterOpenMib(), held.pushes().peakRssMib()));
        results.put("pushLatencyMsAtMax", held == null ? null : held.pushes().latencyMs());
        results.put("maxStreamsWithinM1", withinM1 == null ? null : withinM1.streams());
        results.put(
                "peakRssMibAtMaxWithinM1",
                withinM1 == null
                        ? null
                        : Math.max(withinM1.rssAfterOpenMib(), withinM1.pushes().peakRssMib()));
        results.put(
                "pushLatencyMsAtMaxWithinM1",
                withinM1 == null ? null : withinM1.pushes().latencyMs());
        results.put("M1target", "<= " + M1_MIB + " MiB resident per service");
        results.put("stoppedBecause", stopped);

        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", s.nproc());
        machine.put("free", s.memory());
        machine.put("java", Runtime.version().toString());
        machine.put("fileLimit", s.fileLimit());
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("mode", s.mode());
        conditions.put("steps", s.steps());
        conditions.put("jvmProfile", s.jvm().name());
        conditions.put("jvmProfileSource", s.jvm().source());
        conditions.put("serviceJvmOptions", jvm);
        conditions.put("maxRam", s.maxRam());
        conditions.put("maxRssMib", s.maxRssMib());
        conditions.put("budgetSeconds", s.budgetSeconds());
        conditions.put("sampleCustomers", s.sample());
        conditions.put("ordersPerSecond", s.orderRate());
        conditions.put("pushSeconds", s.pushSeconds());
        conditions.put("warmupSeconds", s.warmupSeconds());
        conditions.put("settleSeconds", s.settleSeconds());
        conditions.put("openParallel", s.openParallel());
        conditions.put(
                "instance",
                "notification-service from its jar with the stack's Postgres, Redis and Kafka, Kafka consumer, relay and"
                        + " rate limits off: the stack's notification-service stores each notification and announces it"
                        + " over Redis; this instance pushes it to its streams");
        conditions.put(
                "pushLatency",
                "notification createdAt (written by the stack's notification-service) to receipt of the event on the"
                        + " stream by this JVM; both clocks are this machine's");
        conditions.put(
                "client",
                "java.net.http over HTTP/1.1 in this JVM, one connection per stream, no thread per stream; its CPU is"
                        + " the generator's share");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "streams");
        json.put("when", Instant.now().toString());
        json.put("machine", machine);
        json.put("conditions", conditions);
        json.put("results", results);
        json.put("warmUp", warmUp);
        json.put("steps", steps);
        Path file = Figures.writeResult(s.root(), "streams", json);

        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "%nStream capacity of one notification-service instance (%s cores, %s RAM, Java %s; %s mode)%n",
                s.nproc(),
                s.memory(),
                Runtime.version().feature(),
                s.mode()));
        text.append(String.format(Locale.ROOT, "  RSS with no stream open: %.1f MiB%n", idleRssMib));
        text.append(String.format(
                Locale.ROOT,
                "  held without a failure: %s streams, peak RSS %s MiB, push latency %s%n",
                results.get("maxStreamsHeld"),
                results.get("peakRssMibAtMax"),
                results.get("pushLatencyMsAtMax")));
        text.append(String.format(
                Locale.ROOT,
                "  within M1 (RSS <= %.0f MiB): %s streams, peak RSS %s MiB, push latency %s%n",
                M1_MIB,
                results.get("maxStreamsWithinM1"),
                results.get("peakRssMibAtMaxWithinM1"),
                results.get("pushLatencyMsAtMaxWithinM1")));
        text.append("  stopped: ").append(stopped).append(System.lineSeparator());
        text.append("  results: ").append(file).append(System.lineSeparator());
        System.out.print(text);
    }

    private static Map<String, Double> percentiles(Histogram micros) {
        Map<String, Double> ms = new LinkedHashMap<>();
        if (micros.getTotalCount() == 0) {
            return ms;
        }
        for (double p : new double[] {50, 90, 99, 99.9}) {
            ms.put(p == 99.9 ? "p99.9" : "p" + (int) p, Math.round(micros.getValueAtPercentile(p) / 100.0) / 10.0);
        }
        ms.put("max", Math.round(micros.getMaxValue() / 100.0) / 10.0);
        return ms;
    }
}
