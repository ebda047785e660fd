package dev.storefront.loadtests;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.DemoIssuer;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.infra.Source;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The order benchmark: targets P6, P8, P9 and M1 of targets.md, with Gatling's open-model checkout load (carts
 * prepared over the cart API before every step, so a step measures checkout alone), next to a running local stack.
 *
 * <ul>
 *   <li><b>P6</b>: the highest sustained checkout rate of two order-service instances this program starts from the
 *       service's jar, side by side with the same flags, relay, consumers and sweeper off: {@code outbox} (the real
 *       checkout transaction) and {@code no-outbox} ({@code STOREFRONT_BENCHMARK_DISCARD_ORDER_EVENTS=true}: the same
 *       transaction without the outbox row). P6 = outbox / no-outbox. The pair uses a database of its own
 *       ({@code BENCH_DATABASE}, provisioned like the stack's), so no relay sends what the outbox instance wrote and
 *       no saga reacts to it: the ratio is the cost of the outbox write in the checkout transaction, nothing else
 *       (the relay's own rate is P7, deploy/bench/outbox.sh).
 *   <li><b>P9</b>: the highest sustained checkout rate of the stack's own order-service, with the whole system at
 *       work: relay, catalog's reservations, the saga. A step counts as sustained only if, besides the load
 *       generator's criteria, every order it placed has left PENDING within {@code BENCH_SETTLE_SECONDS} after it.
 *   <li><b>M1</b>: peak resident memory of each stack service during the highest sustained P9 step.
 *   <li><b>P8</b>: at half the P9 maximum, for every order, placement to its ORDER_CONFIRMED notification stored by
 *       notification-service (the target's figure) and pushed on a stream the shopper held open
 *       ({@link NotificationTimings}), beside placement to CONFIRMED (order-service's own timestamps) and Kafka's own
 *       end-to-end latency measured in the same run ({@link KafkaProbe}); p50 to p99.9 of each.
 * </ul>
 *
 * Usage: {@code deploy/bench/orders.sh [repetitions]}; settings in deploy/bench/README.md.
 */
public final class OrderBenchmark {

    private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*true");
    private static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(\\d+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Settings settings;
    private final GatlingRun gatling;
    private final RateSearch search;
    private final String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    private final List<StepDetail> details = new ArrayList<>();
    private final List<String> skus = new ArrayList<>();
    private DemoIssuer issuer;
    private OrderTimings timings;
    private NotificationTimings notifications;
    private ProcessMemory memory;
    private Map<String, List<String>> stackJvm;
    private int steps;

    private OrderBenchmark(Settings settings) {
        this.settings = settings;
        this.gatling = new GatlingRun(settings.root().resolve("deploy/load-tests/target/gatling"), settings.reports());
        this.search = new RateSearch(settings.startRate(), settings.precision(), settings.maxP99Ms());
    }

    /** Everything the run depends on, from the environment; see deploy/bench/README.md. */
    record Settings(
            Path root,
            String mode,
            int repetitions,
            int stepSeconds,
            int warmupSeconds,
            int latencySeconds,
            int settleSeconds,
            double precision,
            double startRate,
            double maxP99Ms,
            int products,
            int customers,
            int prepareParallel,
            int probeRate,
            double relayWakeupMs,
            int firstPort,
            JvmProfile jvm,
            String orderUrl,
            String catalogUrl,
            String dbUrl,
            String dbUser,
            String dbPassword,
            String pgHost,
            int pgPort,
            String pgAdminUser,
            String pgAdminPassword,
            String benchDatabase,
            String redisUri,
            String kafkaBootstrap,
            boolean reports,
            String nproc,
            String memory) {

        static Settings from(String[] args) {
            boolean quick = "1".equals(env("QUICK", "0"));
            Path root = Path.of(System.getProperty("storefront.root", "."))
                    .toAbsolutePath()
                    .normalize();
            return new Settings(
                    root,
                    quick ? "quick" : "full",
                    args.length > 0 ? Integer.parseInt(args[0]) : 3,
                    intEnv("BENCH_STEP_SECONDS", quick ? 8 : 15),
                    intEnv("BENCH_WARMUP_SECONDS", quick ? 10 : 30),
                    intEnv("BENCH_LATENCY_SECONDS", quick ? 15 : 30),
                    intEnv("BENCH_SETTLE_SECONDS", 20),
                    Double.parseDouble(env("BENCH_PRECISION", quick ? "1.25" : "1.1")),
                    Double.parseDouble(env("BENCH_START_RATE", "100")),
                    Double.parseDouble(env("BENCH_MAX_P99_MS", "250")),
                    intEnv("BENCH_ORDER_PRODUCTS", 200),
                    intEnv("BENCH_CUSTOMERS", 500),
                    intEnv("BENCH_PREPARE_PARALLEL", 32),
                    intEnv("BENCH_PROBE_RATE", 100),
                    Double.parseDouble(env("BENCH_RELAY_WAKEUP_MS", "200")),
                    intEnv("BENCH_ORDER_FIRST_PORT", 18091),
                    JvmProfile.forBenchmark(root, System.getenv()),
                    env("ORDER_URL", "http://127.0.0.1:8082"),
                    env("CATALOG_URL", "http://127.0.0.1:8081"),
                    env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/storefront?currentSchema=orders"),
                    env("DB_USER", "order_service"),
                    env("DB_PASSWORD", "order_service"),
                    env("PGHOST", "127.0.0.1"),
                    intEnv("PGPORT", 5432),
                    env("BENCH_PG_ADMIN_USER", "postgres"),
                    env("BENCH_PG_ADMIN_PASSWORD", ""),
                    env("BENCH_DATABASE", "storefront_bench"),
                    env("REDIS_URI", "redis://127.0.0.1:6379"),
                    env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                    "1".equals(env("BENCH_REPORTS", "0")),
                    env("BENCH_NPROC", Integer.toString(Runtime.getRuntime().availableProcessors())),
                    env("BENCH_FREE", "unknown"));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        private static int intEnv(String name, int fallback) {
            return Integer.parseInt(env(name, Integer.toString(fallback)));
        }
    }

    /** Whether a step waits for the orders it placed to leave PENDING, as a condition of success. */
    private enum Settle {
        NONE,
        REQUIRE
    }

    /** What the benchmark saw around one step besides the load generator's figures. */
    record StepDetail(
            String target,
            double offeredRps,
            String tag,
            double prepareSeconds,
            Map<String, Long> statuses,
            Map<String, Double> peakRssMib) {}

    /**
     * P8 at half the P9 maximum: placement to confirmation, to the ORDER_CONFIRMED notification stored and to its push
     * on the shopper's open stream, beside Kafka's own latency in the same seconds.
     */
    record Latency(
            double offeredRps,
            GatlingRun.Stats checkout,
            Map<String, Long> statuses,
            long confirmed,
            Map<String, Double> placedToConfirmedMs,
            long notificationsStored,
            Map<String, Double> placedToNotificationStoredMs,
            long notificationsPushed,
            Map<String, Double> placedToNotificationPushedMs,
            Map<String, Long> streams,
            Map<String, Double> kafkaEndToEndMs,
            double boundMs) {}

    record Repetition(
            int number,
            RateSearch.Search outbox,
            RateSearch.Search noOutbox,
            RateSearch.Search system,
            Map<String, Double> peakRssMibAtSystemMax,
            Latency p8,
            Map<String, Double> ratios) {}

    public static void main(String[] args) throws Exception {
        System.setOut(new PrintStream(new ConsoleFilter(new FileOutputStream(FileDescriptor.out)), true, UTF_8));
        new OrderBenchmark(Settings.from(args)).run();
    }

    private void run() throws Exception {
        Settings s = settings;
        require(s.orderUrl() + "/health", "no order-service answers on " + s.orderUrl());
        require(s.catalogUrl() + "/health", "no catalog-service answers on " + s.catalogUrl());
        Path jar = s.root().resolve("order-service/target/order-service.jar");
        issuer = AdminToken.issuer(s.root());
        String admin = AdminToken.mint(issuer, Duration.ofHours(6));
        stockUp(admin);
        for (int port = s.firstPort(); port < s.firstPort() + 2; port++) {
            if (Figures.listening("127.0.0.1", port)) {
                throw new IllegalStateException("port " + port + " is in use; set BENCH_ORDER_FIRST_PORT");
            }
        }
        // The P6 pair writes to a database of its own: the stack's relay must not pick up (and the stack's saga react
        // to) what the outbox instance writes, or the comparison would include work that is not the checkout.
        PostgresServer postgres =
                new PostgresServer(s.pgHost(), s.pgPort(), s.pgAdminUser(), s.pgAdminPassword(), Source.CONFIGURED);
        ServiceDatabase benchDatabase = ServiceDatabase.ORDERS.inDatabase(s.benchDatabase());
        DatabaseProvisioner.provision(postgres, benchDatabase);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", postgres.jdbcUrl(benchDatabase.database(), benchDatabase.schema()));
        env.put("DB_USER", s.dbUser());
        env.put("DB_PASSWORD", s.dbPassword());
        env.put("REDIS_URI", s.redisUri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrap());
        env.put("CATALOG_URL", s.catalogUrl());
        env.put("STOREFRONT_JWKS_URL", issuer.jwksUrl());
        env.put("LOG_FORMAT", "json");
        env.put("STOREFRONT_MESSAGING_RELAY_ENABLED", "false");
        env.put("STOREFRONT_MESSAGING_CONSUMER_ENABLED", "false");
        // One generator, one client address, far above any per-client limit: the benchmark measures the service, not
        // the rate limiter (docs/adr/0019).
        env.put("STOREFRONT_RATE_LIMITS_ENABLED", "false");
        env.put("STOREFRONT_ORDERS_SWEEPER_ENABLED", "false");
        Path logs = s.root().resolve(".storefront/logs");
        memory = ProcessMemory.ofStack(List.of("catalog-service", "order-service", "notification-service"));
        System.out.printf(Locale.ROOT, "Stack processes for M1: %s%n", memory.pids());
        // P9 and M1 measure the stack's own services, which run the local stack's JVM profile, not this one.
        stackJvm = jvmOptions(memory.pids());
        System.out.printf(
                Locale.ROOT,
                "JVM of the P6 pair: profile %s%nJVM of the stack's services (P9, M1): %s%n",
                s.jvm().describe(),
                stackJvm);

        List<ServiceInstance> started = new ArrayList<>();
        Thread cleanup = new Thread(() -> started.forEach(ServiceInstance::close), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (OrderTimings t = new OrderTimings(s.dbUrl(), s.dbUser(), s.dbPassword());
                NotificationTimings n = NotificationTimings.fromEnvironment();
                KafkaProbe probe = KafkaProbe.start(s.kafkaBootstrap())) {
            timings = t;
            notifications = n;
            require(n.baseUrl() + "/health", "no notification-service answers on " + n.baseUrl());
            ServiceInstance outbox = ServiceInstance.start(
                    jar, "outbox", s.firstPort(), env, s.jvm().options(), logs);
            started.add(outbox);
            Map<String, String> discarding = new LinkedHashMap<>(env);
            discarding.put("STOREFRONT_BENCHMARK_DISCARD_ORDER_EVENTS", "true");
            ServiceInstance noOutbox = ServiceInstance.start(
                    jar, "no-outbox", s.firstPort() + 1, discarding, s.jvm().options(), logs);
            started.add(noOutbox);
            for (ServiceInstance instance : started) {
                instance.awaitUp(Duration.ofSeconds(90), false);
            }
            System.out.printf(
                    Locale.ROOT,
                    "Started order-service instances: outbox %s, no-outbox %s; stack order-service %s; logs in %s%n",
                    outbox.baseUrl(),
                    noOutbox.baseUrl(),
                    s.orderUrl(),
                    logs);
            probe.send(s.probeRate());
            for (String url : List.of(outbox.baseUrl(), noOutbox.baseUrl(), s.orderUrl())) {
                GatlingRun.Stats warm = step("warm-up", url, 100, s.warmupSeconds(), Settle.NONE);
                System.out.printf(Locale.ROOT, "  warm-up %-30s %s%n", url, RateSearch.describe(warm));
            }
            List<Repetition> repetitions = new ArrayList<>();
            for (int i = 1; i <= s.repetitions(); i++) {
                System.out.printf(Locale.ROOT, "%nRepetition %d of %d%n", i, s.repetitions());
                repetitions.add(repetition(i, outbox, noOutbox, probe));
            }
            report(repetitions);
        } finally {
            started.forEach(ServiceInstance::close);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private Repetition repetition(int number, ServiceInstance outbox, ServiceInstance noOutbox, KafkaProbe probe)
            throws Exception {
        RateSearch.Search with = search.find(
                "outbox",
                outbox.name(),
                rate -> RateSearch.Outcome.of(
                        step("outbox", outbox.baseUrl(), rate, settings.stepSeconds(), Settle.NONE)));
        RateSearch.Search without = search.find(
                "no-outbox",
                noOutbox.name(),
                rate -> RateSearch.Outcome.of(
                        step("no-outbox", noOutbox.baseUrl(), rate, settings.stepSeconds(), Settle.NONE)));
        RateSearch.Search system = search.find("system", "stack order-service", this::systemStep);
        Map<String, Double> rss = details.stream()
                .filter(d -> d.target().equals("system") && system.atMax() != null)
                .filter(d -> d.offeredRps() == system.maxRps())
                .reduce((first, second) -> second)
                .map(StepDetail::peakRssMib)
                .orElse(Map.of());

        Latency p8 = null;
        if (system.maxRps() > 0) {
            double rate = Math.max(1, Math.round(system.maxRps() / 2));
            String tag = nextTag();
            double prepared = prepare(settings.orderUrl(), tag, rate, settings.latencySeconds());
            GatlingRun.Stats checkout;
            Histogram kafka;
            Map<String, Long> statuses;
            Histogram confirmed;
            Histogram stored;
            Histogram pushed;
            Map<String, Long> streams;
            // One stream per shopper of the step, open before it starts, as a signed-in shopper's page holds one.
            try (NotificationTimings.Watch watch =
                    notifications.watch(issuer, tag, settings.customers(), Duration.ofSeconds(30))) {
                probe.interval();
                checkout = gatling.run(
                        CheckoutSimulation.class, settings.orderUrl(), rate, settings.latencySeconds(), 0, 0);
                kafka = probe.interval();
                statuses = timings.awaitSettled(tag, settings.settleSeconds());
                confirmed = timings.placedToConfirmed(tag);
                Map<String, Long> placedAt = timings.placedAt(tag);
                stored = NotificationTimings.since(
                        placedAt, notifications.awaitStored(tag, confirmed.getTotalCount(), settings.settleSeconds()));
                watch.awaitPushes(stored.getTotalCount(), Duration.ofSeconds(settings.settleSeconds()));
                pushed = NotificationTimings.since(placedAt, watch.confirmedPushedAt());
                streams = watch.streamCounts();
            }
            double kafkaP99 = kafka.getValueAtPercentile(99) / 1000.0;
            double bound = Math.min(250, 3 * (kafkaP99 + settings.relayWakeupMs()));
            p8 = new Latency(
                    rate,
                    checkout,
                    statuses,
                    confirmed.getTotalCount(),
                    percentiles(confirmed),
                    stored.getTotalCount(),
                    percentiles(stored),
                    pushed.getTotalCount(),
                    percentiles(pushed),
                    streams,
                    percentiles(kafka),
                    round1(bound));
            details.add(new StepDetail("p8", rate, tag, prepared, statuses, Map.of()));
            System.out.printf(
                    Locale.ROOT,
                    "  p8 at %.0f/s: checkout %s%n  placed -> CONFIRMED %s of %d orders %s%n"
                            + "  placed -> notification stored %s of %d; pushed %s of %d (streams %s)%n"
                            + "  Kafka end to end %s; bound %.1f ms%n",
                    rate,
                    RateSearch.describe(checkout),
                    p8.placedToConfirmedMs(),
                    confirmed.getTotalCount(),
                    statuses,
                    p8.placedToNotificationStoredMs(),
                    stored.getTotalCount(),
                    p8.placedToNotificationPushedMs(),
                    pushed.getTotalCount(),
                    streams,
                    p8.kafkaEndToEndMs(),
                    p8.boundMs());
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("P6", Figures.ratio(with.maxRps(), without.maxRps()));
        ratios.put("P9", system.maxRps());
        // targets.md: "order placed -> notification stored"; the confirmation and the push are reported beside it.
        ratios.put("P8", p8 == null ? null : p8.placedToNotificationStoredMs().get("p99"));
        ratios.put("P8confirmed", p8 == null ? null : p8.placedToConfirmedMs().get("p99"));
        ratios.put(
                "P8pushed",
                p8 == null ? null : p8.placedToNotificationPushedMs().get("p99"));
        ratios.put("P8bound", p8 == null ? null : p8.boundMs());
        ratios.put("M1", rss.values().stream().max(Double::compare).orElse(null));
        System.out.printf(Locale.ROOT, "  figures %s; peak RSS at the P9 max (MiB) %s%n", ratios, rss);
        return new Repetition(number, with, without, system, rss, p8, ratios);
    }

    private RateSearch.Outcome systemStep(double rate) throws Exception {
        GatlingRun.Stats stats = step("system", settings.orderUrl(), rate, settings.stepSeconds(), Settle.REQUIRE);
        StepDetail detail = details.get(details.size() - 1);
        long pending = detail.statuses().getOrDefault("PENDING", 0L);
        return new RateSearch.Outcome(
                stats,
                pending == 0 ? null : pending + " orders still PENDING " + settings.settleSeconds() + " s after");
    }

    /** Prepares the carts of one step, runs it, and settles its orders as asked. */
    private GatlingRun.Stats step(String target, String baseUrl, double rate, int seconds, Settle settle)
            throws Exception {
        String tag = nextTag();
        double prepared = prepare(baseUrl, tag, rate, seconds);
        ProcessMemory.Sampling sampling = settle == Settle.REQUIRE ? memory.sample() : null;
        GatlingRun.Stats stats = gatling.run(CheckoutSimulation.class, baseUrl, rate, seconds, 0, 0);
        Map<String, Double> rss = sampling == null ? Map.of() : sampling.stop();
        Map<String, Long> statuses =
                settle == Settle.NONE ? Map.of() : timings.awaitSettled(tag, settings.settleSeconds());
        details.add(new StepDetail(target, rate, tag, prepared, statuses, rss));
        return stats;
    }

    private double prepare(String baseUrl, String tag, double rate, int seconds) throws InterruptedException {
        PreparedCarts.discard();
        int count = (int) Math.ceil(rate * seconds * 1.02) + 20;
        Duration took = PreparedCarts.prepare(
                baseUrl, issuer, tag, count, settings.customers(), skus, settings.prepareParallel());
        return round1(took.toMillis() / 1000.0);
    }

    private String nextTag() {
        return run + "-" + (++steps);
    }

    /**
     * Picks the first active generated products and tops up their stock so that orders are confirmed, not rejected
     * for lack of units.
     */
    private void stockUp(String admin) throws IOException, InterruptedException {
        int topped = 0;
        for (int i = 1; skus.size() < settings.products(); i++) {
            String sku = SkuFeeder.sku(i);
            HttpResponse<String> product = HTTP.send(
                    HttpRequest.newBuilder(URI.create(settings.catalogUrl() + "/api/v1/products/" + sku))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (product.statusCode() == 404 && i > 100 * settings.products()) {
                throw new IllegalStateException(
                        "too few active products: load products first (deploy/load-catalog.sh)");
            }
            if (product.statusCode() != 200 || !ACTIVE.matcher(product.body()).find()) {
                continue;
            }
            skus.add(sku);
            HttpResponse<String> stock = HTTP.send(
                    HttpRequest.newBuilder(URI.create(settings.catalogUrl() + "/api/v1/products/" + sku + "/stock"))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher available = AVAILABLE.matcher(stock.body());
            if (stock.statusCode() != 200 || !available.find()) {
                throw new IllegalStateException("GET stock of " + sku + " answered " + stock.statusCode()
                        + ": load products first (deploy/load-catalog.sh)");
            }
            long missing = 1_000_000 - Long.parseLong(available.group(1));
            if (missing > 0) {
                HttpResponse<String> adjusted = HTTP.send(
                        HttpRequest.newBuilder(URI.create(
                                        settings.catalogUrl() + "/api/v1/products/" + sku + "/stock-adjustments"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"delta\":" + missing + ",\"reason\":\"order benchmark\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (adjusted.statusCode() != 200) {
                    throw new IllegalStateException("stock adjustment of " + sku + " answered " + adjusted.statusCode()
                            + ": " + adjusted.body());
                }
                topped++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Stock: %d active products (%s to %s) at 1,000,000 units (%d topped up)%n",
                skus.size(),
                skus.get(0),
                skus.get(skus.size() - 1),
                topped);
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

    private void report(List<Repetition> repetitions) throws IOException {
        Settings s = settings;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("P6", Figures.summary(repetitions, r -> r.ratios().get("P6"), ">= 0.7", v -> v >= 0.7));
        results.put(
                "P8",
                Figures.summary(
                        repetitions,
                        r -> r.ratios().get("P8"),
                        "placed -> notification stored: <= 250 ms and <= 3 x (Kafka p99 + relay)",
                        null));
        results.put(
                "P8confirmed",
                Figures.summary(
                        repetitions, r -> r.ratios().get("P8confirmed"), "beside P8: placed -> CONFIRMED", null));
        results.put(
                "P8pushed",
                Figures.summary(
                        repetitions,
                        r -> r.ratios().get("P8pushed"),
                        "beside P8: placed -> pushed on an open stream",
                        null));
        results.put(
                "P8bound",
                Figures.summary(
                        repetitions,
                        r -> r.ratios().get("P8bound"),
                        "min(250, 3 x (Kafka p99 + relay wake-up))",
                        null));
        results.put("P9", Figures.summary(repetitions, r -> r.ratios().get("P9"), ">= 1000 orders/s", v -> v >= 1000));
        results.put(
                "M1", Figures.summary(repetitions, r -> r.ratios().get("M1"), "<= 300 MiB per service", v -> v <= 300));
        Map<String, Object> p8 = Figures.map(results.get("P8"));
        Map<String, Object> bound = Figures.map(results.get("P8bound"));
        if (p8.get("median") != null && bound.get("median") != null) {
            p8.put("met", (double) p8.get("median") <= (double) bound.get("median"));
        }

        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", s.nproc());
        machine.put("free", s.memory());
        machine.put("java", Runtime.version().toString());
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("mode", s.mode());
        conditions.put("repetitions", s.repetitions());
        conditions.put("stepSeconds", s.stepSeconds());
        conditions.put("latencySeconds", s.latencySeconds());
        conditions.put("settleSeconds", s.settleSeconds());
        conditions.put("bisectUntilWithinFactor", s.precision());
        conditions.put(
                "sustainedMeans",
                "errors <= 0.1 %, p99 <= " + s.maxP99Ms() + " ms, all arrivals served, arrival rate >= 95 % of offered;"
                        + " for P9 also: no order of the step still PENDING " + s.settleSeconds() + " s after it");
        conditions.put("products", s.products());
        conditions.put("customers", s.customers());
        conditions.put("cart", "1 to 3 lines of 1 to 2 units, prepared over the cart API before each step");
        conditions.put("jvmProfile", s.jvm().name());
        conditions.put("jvmProfileSource", s.jvm().source());
        conditions.put("serviceJvmOptions", s.jvm().options());
        conditions.put("stackServiceJvmOptions", stackJvm);
        conditions.put("kafkaProbe", s.probeRate() + " records/s, acks=all, idempotent, 1 partition");
        conditions.put("relayWakeupMs", s.relayWakeupMs());
        conditions.put(
                "p8Notifications",
                "ORDER_CONFIRMED notifications of " + notifications.baseUrl() + " (notifications.created_at); pushes on"
                        + " one stream per shopper of the P8 step, opened before it, received by this JVM");
        conditions.put("stackProcesses", memory.pids());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "orders");
        json.put("when", Instant.now().toString());
        json.put("machine", machine);
        json.put("conditions", conditions);
        json.put("results", results);
        json.put("repetitions", repetitions);
        json.put("steps", details);
        Path file = Figures.writeResult(s.root(), "orders", json);

        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "%nOrder benchmark (%s cores, %s RAM, Java %s; %s mode: %d repetitions, %d s steps)%n",
                s.nproc(),
                s.memory(),
                Runtime.version().feature(),
                s.mode(),
                s.repetitions(),
                s.stepSeconds()));
        text.append(String.format(
                Locale.ROOT,
                "  max sustained checkouts/s (median): outbox %.0f, no-outbox %.0f, whole system %.0f%n",
                Figures.medianOf(repetitions, r -> r.outbox().maxRps()),
                Figures.medianOf(repetitions, r -> r.noOutbox().maxRps()),
                Figures.medianOf(repetitions, r -> r.system().maxRps())));
        Figures.line(text, "P6  outbox / no-outbox checkouts/s        ", results.get("P6"));
        Figures.line(text, "P8  placed -> notification stored p99 (ms)", results.get("P8"));
        Figures.line(text, "    its bound (ms)                         ", results.get("P8bound"));
        Figures.line(text, "    placed -> pushed on a stream p99 (ms)  ", results.get("P8pushed"));
        Figures.line(text, "    placed -> CONFIRMED p99 (ms)           ", results.get("P8confirmed"));
        Figures.line(text, "P9  sustained checkouts/s, system         ", results.get("P9"));
        Figures.line(text, "M1  peak RSS of a service (MiB)           ", results.get("M1"));
        repetitions.stream()
                .filter(r -> r.p8() != null)
                .forEach(r -> text.append(String.format(
                        Locale.ROOT,
                        "      repetition %d at %.0f/s: placed -> notification stored %s; -> pushed %s;"
                                + " -> CONFIRMED %s; Kafka end to end %s%n",
                        r.number(),
                        r.p8().offeredRps(),
                        r.p8().placedToNotificationStoredMs(),
                        r.p8().placedToNotificationPushedMs(),
                        r.p8().placedToConfirmedMs(),
                        r.p8().kafkaEndToEndMs())));
        repetitions.forEach(r -> text.append(String.format(
                Locale.ROOT,
                "      repetition %d peak RSS at the P9 max (MiB): %s%n",
                r.number(),
                r.peakRssMibAtSystemMax())));
        text.append("  results: ").append(file).append(System.lineSeparator());
        System.out.print(text);
    }

    /**
     * The JVM options of each running process, the arguments before {@code -jar}: the local stack passes its profile as
     * {@code @deploy/jvm/<profile>.options}, which names it.
     */
    private static Map<String, List<String>> jvmOptions(Map<String, Long> pids) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        pids.forEach((service, pid) -> options.put(
                service,
                ProcessHandle.of(pid)
                        .flatMap(p -> p.info().arguments())
                        .map(Arrays::asList)
                        .map(args -> args.subList(0, Math.max(0, args.indexOf("-jar"))))
                        .orElse(List.of())));
        return options;
    }

    private static Map<String, Double> percentiles(Histogram micros) {
        Map<String, Double> ms = new LinkedHashMap<>();
        if (micros.getTotalCount() == 0) {
            return ms;
        }
        ms.put("p50", round1(micros.getValueAtPercentile(50) / 1000.0));
        ms.put("p90", round1(micros.getValueAtPercentile(90) / 1000.0));
        ms.put("p95", round1(micros.getValueAtPercentile(95) / 1000.0));
        ms.put("p99", round1(micros.getValueAtPercentile(99) / 1000.0));
        ms.put("p99.9", round1(micros.getValueAtPercentile(99.9) / 1000.0));
        ms.put("max", round1(micros.getMaxValue() / 1000.0));
        return ms;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
