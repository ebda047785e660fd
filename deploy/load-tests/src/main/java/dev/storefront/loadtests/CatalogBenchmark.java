package dev.storefront.loadtests;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.Objects;

/**
 * The catalog read benchmark: targets P1, P2, P3, P4 and P10 of targets.md, measured with Gatling's open-model
 * injection against catalog-service instances this program starts from the service's jar, next to a running local
 * stack (whose Postgres, Redis, Kafka, schema and signing key they use):
 *
 * <ul>
 *   <li>{@code cached}: the product cache on, and the hello endpoint of P1;
 *   <li>{@code uncached}: {@code STOREFRONT_CATALOG_CACHE_ENABLED=false}, Postgres only;
 *   <li>{@code redis-down}: the cache on, but its Redis URI points where nothing listens (Redis killed).
 * </ul>
 *
 * All three run with the same JVM flags as the local stack's services, their Kafka relay and consumers off (they only
 * serve reads, so they stay out of the stack's consumer groups). Each repetition measures, side by side:
 *
 * <ul>
 *   <li>the highest sustained rate of hello, cached, uncached and redis-down reads: the offered rate steps up until a
 *       step fails (errors above 0.1 %, p99 above 100 ms, or the generator could not keep the arrival rate), then is
 *       bisected between the last good and the first bad rate; P1 = cached / hello, P2 = cached / uncached, P10 =
 *       redis-down / uncached;
 *   <li>P3: p99 of cached / uncached reads at the same offered rate, half the uncached maximum;
 *   <li>P4: the cache hit ratio from the cached instance's {@code /prometheus} counters, before and after a run whose
 *       reads follow a Zipf distribution over the 100k generated products, at the P3 rate, after warming the cache
 *       with the same mix.
 * </ul>
 *
 * Reads of P1-P3 and P10 spread uniformly over the first {@code BENCH_HOT_PRODUCTS} (1000) products. The result is
 * JSON in deploy/bench/results/ and a summary on standard output. Usage: {@code deploy/bench/catalog.sh
 * [repetitions]}; see deploy/bench/README.md for the settings.
 */
public final class CatalogBenchmark {

    private static final double MAX_P99_MS = 100;
    private static final double MIN_RATE = RateSearch.MIN_RATE;
    static final List<String> STACK_JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAMPercentage=25", "-XX:TieredStopAtLevel=1");

    private final Settings settings;
    private final GatlingRun gatling;
    private final RateSearch search;
    private long zipfRequests;
    private boolean hitRatioWarm;

    private CatalogBenchmark(Settings settings) {
        this.settings = settings;
        this.gatling = new GatlingRun(settings.root().resolve("deploy/load-tests/target/gatling"), settings.reports());
        this.search = new RateSearch(settings.startRate(), settings.precision(), MAX_P99_MS);
    }

    /** Everything the run depends on, from the environment; see deploy/bench/README.md. */
    record Settings(
            Path root,
            String mode,
            int repetitions,
            int stepSeconds,
            int warmupSeconds,
            int latencySeconds,
            int hitRatioSeconds,
            int hitRatioWarmupSeconds,
            double precision,
            double startRate,
            double warmupRate,
            int hotProducts,
            int zipfProducts,
            double zipfExponent,
            int firstPort,
            List<String> serviceJvmOptions,
            String stackUrl,
            String dbUrl,
            String dbUser,
            String dbPassword,
            String redisUri,
            String deadRedisUri,
            String kafkaBootstrap,
            boolean reports,
            String nproc,
            String memory) {

        static Settings from(String[] args) {
            boolean quick = "1".equals(env("QUICK", "0"));
            String jvm = env("SERVICE_JAVA_OPTS", String.join(" ", STACK_JVM_OPTIONS));
            return new Settings(
                    Path.of(System.getProperty("storefront.root", "."))
                            .toAbsolutePath()
                            .normalize(),
                    quick ? "quick" : "full",
                    args.length > 0 ? Integer.parseInt(args[0]) : 3,
                    intEnv("BENCH_STEP_SECONDS", quick ? 5 : 15),
                    intEnv("BENCH_WARMUP_SECONDS", quick ? 10 : 30),
                    intEnv("BENCH_LATENCY_SECONDS", quick ? 10 : 30),
                    intEnv("BENCH_HIT_RATIO_SECONDS", quick ? 15 : 60),
                    intEnv("BENCH_HIT_RATIO_WARMUP_SECONDS", quick ? 60 : 600),
                    Double.parseDouble(env("BENCH_PRECISION", quick ? "1.2" : "1.05")),
                    Double.parseDouble(env("BENCH_START_RATE", "400")),
                    Double.parseDouble(env("BENCH_WARMUP_RATE", "1000")),
                    intEnv("BENCH_HOT_PRODUCTS", 1000),
                    intEnv("BENCH_PRODUCTS", 100_000),
                    Double.parseDouble(env("BENCH_ZIPF", "1.1")),
                    intEnv("BENCH_FIRST_PORT", 18081),
                    Arrays.stream(jvm.trim().split("\\s+"))
                            .filter(s -> !s.isBlank())
                            .toList(),
                    env("STACK_URL", "http://127.0.0.1:8081"),
                    env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/storefront?currentSchema=catalog"),
                    env("DB_USER", "catalog_service"),
                    env("DB_PASSWORD", "catalog_service"),
                    env("REDIS_URI", "redis://127.0.0.1:6379"),
                    env("BENCH_DEAD_REDIS_URI", "redis://127.0.0.1:1"),
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

    /** P3: both instances at the same offered rate. */
    record Latency(double offeredRps, GatlingRun.Stats cached, GatlingRun.Stats uncached, Double p99Ratio) {}

    /** P4: a Zipf read mix on the cached instance and what its counters saw meanwhile. */
    record HitRatio(
            double offeredRps,
            int products,
            double zipfExponent,
            long zipfRequestsBefore,
            CacheCounters counters,
            double hitRatio,
            GatlingRun.Stats stats) {}

    record Repetition(
            int number,
            RateSearch.Search hello,
            RateSearch.Search cached,
            RateSearch.Search uncached,
            RateSearch.Search redisDown,
            Latency p3,
            HitRatio p4,
            Map<String, Double> ratios) {}

    public static void main(String[] args) throws Exception {
        System.setOut(new PrintStream(new ConsoleFilter(new FileOutputStream(FileDescriptor.out)), true, UTF_8));
        new CatalogBenchmark(Settings.from(args)).run();
    }

    private void run() throws Exception {
        Settings s = settings;
        checkStack();
        Path jar = s.root().resolve("catalog-service/target/catalog-service.jar");
        String secret = AdminToken.secret(s.root());
        String admin = AdminToken.mint(secret, Duration.ofHours(6));
        Path logs = s.root().resolve(".storefront/logs");
        for (int port = s.firstPort(); port < s.firstPort() + 3; port++) {
            if (Figures.listening("127.0.0.1", port)) {
                throw new IllegalStateException("port " + port + " is in use; set BENCH_FIRST_PORT to a free range");
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", s.dbUrl());
        env.put("DB_USER", s.dbUser());
        env.put("DB_PASSWORD", s.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrap());
        env.put("STOREFRONT_JWT_SECRET", secret);
        env.put("LOG_FORMAT", "json");
        env.put("STOREFRONT_BENCHMARK_HELLO", "true");
        env.put("STOREFRONT_MESSAGING_RELAY_ENABLED", "false");
        env.put("STOREFRONT_MESSAGING_CONSUMER_ENABLED", "false");

        List<ServiceInstance> started = new ArrayList<>();
        Thread cleanup = new Thread(() -> started.forEach(ServiceInstance::close), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            ServiceInstance cached = start(jar, "cached", s.firstPort(), env, Map.of(), logs, started);
            ServiceInstance uncached = start(
                    jar,
                    "uncached",
                    s.firstPort() + 1,
                    env,
                    Map.of("STOREFRONT_CATALOG_CACHE_ENABLED", "false"),
                    logs,
                    started);
            ServiceInstance redisDown = start(
                    jar, "redis-down", s.firstPort() + 2, env, Map.of("REDIS_URI", s.deadRedisUri()), logs, started);
            for (ServiceInstance instance : started) {
                instance.awaitUp(Duration.ofSeconds(90));
            }
            System.out.printf(
                    Locale.ROOT,
                    "Started catalog-service instances: cached %s, uncached %s, redis-down %s (Redis %s); logs in %s%n",
                    cached.baseUrl(),
                    uncached.baseUrl(),
                    redisDown.baseUrl(),
                    s.deadRedisUri(),
                    logs);
            checkReads(cached, uncached);

            warmUp(cached, uncached, redisDown);
            CacheCounters uncachedBefore = counters(uncached, admin);
            List<Repetition> repetitions = new ArrayList<>();
            for (int i = 1; i <= s.repetitions(); i++) {
                System.out.printf(Locale.ROOT, "%nRepetition %d of %d%n", i, s.repetitions());
                repetitions.add(repetition(i, cached, uncached, redisDown, admin));
            }
            CacheCounters uncachedLookups = counters(uncached, admin).minus(uncachedBefore);
            report(repetitions, uncachedLookups);
        } finally {
            started.forEach(ServiceInstance::close);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private ServiceInstance start(
            Path jar,
            String name,
            int port,
            Map<String, String> base,
            Map<String, String> overrides,
            Path logs,
            List<ServiceInstance> started)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("REDIS_URI", settings.redisUri());
        env.putAll(overrides);
        ServiceInstance instance = ServiceInstance.start(jar, name, port, env, settings.serviceJvmOptions(), logs);
        started.add(instance);
        return instance;
    }

    /** The stack must be up: its catalog-service migrated the schema, and the instances need its Kafka. */
    private void checkStack() throws InterruptedException {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(settings.stackUrl() + "/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("no catalog-service answers on " + settings.stackUrl()
                    + ": start the local stack first (deploy/run-local.sh)");
        }
        String first = settings.kafkaBootstrap().split(",")[0];
        int colon = first.lastIndexOf(':');
        if (!Figures.listening(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)))) {
            throw new IllegalStateException("Kafka does not answer on " + first + ": start the local stack first");
        }
    }

    private void checkReads(ServiceInstance cached, ServiceInstance uncached) throws InterruptedException {
        require(cached, "/api/v1/hello", "the hello endpoint (STOREFRONT_BENCHMARK_HELLO) is missing: rebuild the jar");
        for (ServiceInstance instance : List.of(cached, uncached)) {
            require(
                    instance,
                    "/api/v1/products/" + SkuFeeder.sku(settings.hotProducts()),
                    "product " + SkuFeeder.sku(settings.hotProducts())
                            + " is not there: load products first (deploy/load-catalog.sh)");
        }
        require(
                cached,
                "/api/v1/products/" + SkuFeeder.sku(settings.zipfProducts()),
                "product " + SkuFeeder.sku(settings.zipfProducts()) + " is not there: run deploy/load-catalog.sh "
                        + settings.zipfProducts());
    }

    private static void require(ServiceInstance instance, String path, String otherwise) throws InterruptedException {
        int status = instance.status(path);
        if (status != 200) {
            throw new IllegalStateException(
                    "GET " + path + " on " + instance.name() + " answered " + status + ": " + otherwise);
        }
    }

    private void warmUp(ServiceInstance cached, ServiceInstance uncached, ServiceInstance redisDown) {
        Settings s = settings;
        System.out.printf(
                Locale.ROOT,
                "Warming up (%d s per target at %.0f/s): JIT of the services and of the load generator, the cache%n",
                s.warmupSeconds(),
                s.warmupRate());
        warm("hello", HelloSimulation.class, cached, s.hotProducts(), 0);
        warm("cached", ProductReadSimulation.class, cached, s.hotProducts(), 0);
        warm("uncached", ProductReadSimulation.class, uncached, s.hotProducts(), 0);
        warm("redis-down", ProductReadSimulation.class, redisDown, s.hotProducts(), 0);
        zipfRequests += warm("zipf", ProductReadSimulation.class, cached, s.zipfProducts(), s.zipfExponent())
                .requests();
    }

    private GatlingRun.Stats warm(
            String label, Class<?> simulation, ServiceInstance instance, int products, double zipf) {
        GatlingRun.Stats stats = gatling.run(
                simulation, instance.baseUrl(), settings.warmupRate(), settings.warmupSeconds(), products, zipf);
        System.out.printf(Locale.ROOT, "  warm-up %-11s %s%n", label, RateSearch.describe(stats));
        return stats;
    }

    private Repetition repetition(
            int number, ServiceInstance cached, ServiceInstance uncached, ServiceInstance redisDown, String admin)
            throws Exception {
        RateSearch.Search hello = maxRate("hello", HelloSimulation.class, cached);
        RateSearch.Search cachedMax = maxRate("cached", ProductReadSimulation.class, cached);
        RateSearch.Search uncachedMax = maxRate("uncached", ProductReadSimulation.class, uncached);
        RateSearch.Search redisDownMax = maxRate("redis-down", ProductReadSimulation.class, redisDown);

        Latency p3 = null;
        if (uncachedMax.maxRps() > 0) {
            double rate = Math.max(1, Math.round(uncachedMax.maxRps() / 2));
            GatlingRun.Stats c = fixed("p3 cached", cached, rate, settings.latencySeconds(), settings.hotProducts(), 0);
            GatlingRun.Stats u =
                    fixed("p3 uncached", uncached, rate, settings.latencySeconds(), settings.hotProducts(), 0);
            p3 = new Latency(rate, c, u, u.p99Ms() > 0 ? Figures.round3(c.p99Ms() / u.p99Ms()) : null);
        }

        // P4 is about the cache, not about capacity: at the P3 rate every instance keeps up, so Redis answers in
        // time and misses do not pile up in Postgres.
        double p4Rate = Math.max(MIN_RATE, Math.round(uncachedMax.maxRps() / 2));
        if (!hitRatioWarm) {
            // The hit ratio of a TTL cache depends on how much of the mix it has seen: warm it with the same mix
            // first, ideally for one TTL (10 min), after which expiries balance new entries.
            GatlingRun.Stats warm = fixed(
                    "p4 warm-up",
                    cached,
                    p4Rate,
                    settings.hitRatioWarmupSeconds(),
                    settings.zipfProducts(),
                    settings.zipfExponent());
            zipfRequests += warm.requests();
            hitRatioWarm = true;
        }
        long seenBefore = zipfRequests;
        CacheCounters before = counters(cached, admin);
        GatlingRun.Stats zipf = fixed(
                "p4 zipf",
                cached,
                p4Rate,
                settings.hitRatioSeconds(),
                settings.zipfProducts(),
                settings.zipfExponent());
        CacheCounters delta = counters(cached, admin).minus(before);
        zipfRequests += zipf.requests();
        HitRatio p4 = new HitRatio(
                p4Rate,
                settings.zipfProducts(),
                settings.zipfExponent(),
                seenBefore,
                delta,
                Figures.round4(delta.hitRatio()),
                zipf);
        System.out.printf(
                Locale.ROOT,
                "  p4 hit ratio %.4f (%.0f hits, %.0f misses, %.0f errors, %.0f loads)%n",
                delta.hitRatio(),
                delta.hits(),
                delta.misses(),
                delta.errors(),
                delta.loads());

        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("P1", Figures.ratio(cachedMax.maxRps(), hello.maxRps()));
        ratios.put("P2", Figures.ratio(cachedMax.maxRps(), uncachedMax.maxRps()));
        ratios.put("P3", p3 == null ? null : p3.p99Ratio());
        ratios.put("P4", Figures.round4(delta.hitRatio()));
        ratios.put("P10", Figures.ratio(redisDownMax.maxRps(), uncachedMax.maxRps()));
        System.out.printf(Locale.ROOT, "  ratios %s%n", ratios);
        return new Repetition(number, hello, cachedMax, uncachedMax, redisDownMax, p3, p4, ratios);
    }

    private GatlingRun.Stats fixed(
            String label, ServiceInstance instance, double rate, int seconds, int products, double zipf) {
        GatlingRun.Stats stats =
                gatling.run(ProductReadSimulation.class, instance.baseUrl(), rate, seconds, products, zipf);
        System.out.printf(Locale.ROOT, "  %-13s %s%n", label, RateSearch.describe(stats));
        return stats;
    }

    private RateSearch.Search maxRate(String target, Class<?> simulation, ServiceInstance instance) throws Exception {
        return search.find(
                target,
                instance.name(),
                rate -> RateSearch.Outcome.of(gatling.run(
                        simulation, instance.baseUrl(), rate, settings.stepSeconds(), settings.hotProducts(), 0)));
    }

    private static CacheCounters counters(ServiceInstance instance, String admin)
            throws IOException, InterruptedException {
        return CacheCounters.parse(instance.get("/prometheus", admin));
    }

    private void report(List<Repetition> repetitions, CacheCounters uncachedLookups) throws IOException {
        Settings s = settings;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("P1", Figures.summary(repetitions, r -> r.ratios().get("P1"), ">= 0.6", v -> v >= 0.6));
        results.put("P2", Figures.summary(repetitions, r -> r.ratios().get("P2"), ">= 2", v -> v >= 2));
        results.put("P3", Figures.summary(repetitions, r -> r.ratios().get("P3"), "<= 0.5", v -> v <= 0.5));
        results.put("P4", Figures.summary(repetitions, r -> r.ratios().get("P4"), ">= 0.97", v -> v >= 0.97));
        results.put(
                "P10",
                Figures.summary(repetitions, r -> r.ratios().get("P10"), ">= 0.9 with < 0.1 % errors", v -> v >= 0.9));
        Map<String, Object> maxRps = new LinkedHashMap<>();
        maxRps.put("hello", Figures.medianOf(repetitions, r -> r.hello().maxRps()));
        maxRps.put("cached", Figures.medianOf(repetitions, r -> r.cached().maxRps()));
        maxRps.put("uncached", Figures.medianOf(repetitions, r -> r.uncached().maxRps()));
        maxRps.put("redisDown", Figures.medianOf(repetitions, r -> r.redisDown().maxRps()));

        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", s.nproc());
        machine.put("free", s.memory());
        machine.put("java", Runtime.version().toString());
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("mode", s.mode());
        conditions.put("repetitions", s.repetitions());
        conditions.put("stepSeconds", s.stepSeconds());
        conditions.put("warmupSeconds", s.warmupSeconds());
        conditions.put("latencySeconds", s.latencySeconds());
        conditions.put("hitRatioSeconds", s.hitRatioSeconds());
        conditions.put("hitRatioWarmupSeconds", s.hitRatioWarmupSeconds());
        conditions.put("bisectUntilWithinFactor", s.precision());
        conditions.put(
                "sustainedMeans",
                "errors <= 0.1 %, p99 <= 100 ms, all arrivals served, arrival rate >= 95 %" + " of offered");
        conditions.put("hotProducts", s.hotProducts());
        conditions.put("zipfProducts", s.zipfProducts());
        conditions.put("zipfExponent", s.zipfExponent());
        conditions.put("serviceJvmOptions", s.serviceJvmOptions());
        conditions.put(
                "loadGenerator",
                "Gatling (in-process), open model: constantUsersPerSec, one request per user,"
                        + " shared connections; latency from the user's scheduled arrival, microsecond precision");
        conditions.put("uncachedInstanceCacheLookups", uncachedLookups.lookups());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "catalog");
        json.put("when", Instant.now().toString());
        json.put("machine", machine);
        json.put("conditions", conditions);
        json.put("results", results);
        json.put("medianMaxRps", maxRps);
        json.put("repetitions", repetitions);

        Path out = Path.of(System.getProperty("storefront.bench.out", s.root() + "/deploy/bench/results"));
        Files.createDirectories(out);
        Path file = out.resolve("catalog-" + Instant.now().toString().replace(':', '-') + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);

        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "%nCatalog benchmark (%s cores, %s RAM, Java %s; %s mode: %d repetitions, %d s steps)%n",
                s.nproc(),
                s.memory(),
                Runtime.version().feature(),
                s.mode(),
                s.repetitions(),
                s.stepSeconds()));
        text.append(String.format(
                Locale.ROOT,
                "  max sustained rps (median): hello %.0f, cached %.0f, uncached %.0f, redis down %.0f%n",
                (double) maxRps.get("hello"),
                (double) maxRps.get("cached"),
                (double) maxRps.get("uncached"),
                (double) maxRps.get("redisDown")));
        Figures.line(text, "P1  cached / hello max rps       ", results.get("P1"));
        Figures.line(text, "P2  cached / uncached max rps    ", results.get("P2"));
        Figures.line(text, "P3  cached / uncached p99        ", results.get("P3"));
        Figures.line(text, "P4  hit ratio, Zipf over " + s.zipfProducts() + "  ", results.get("P4"));
        Figures.line(text, "P10 redis down / uncached max rps", results.get("P10"));
        double redisDownErrors = repetitions.stream()
                .map(r -> r.redisDown().atMax())
                .filter(Objects::nonNull)
                .mapToDouble(GatlingRun.Stats::errorRate)
                .max()
                .orElse(Double.NaN);
        text.append(String.format(
                Locale.ROOT,
                "      redis down: error rate at its max rate %s%n",
                Double.isNaN(redisDownErrors)
                        ? "n/a (no rate sustained)"
                        : String.format(Locale.ROOT, "%.3f %% (worst repetition)", redisDownErrors * 100)));
        text.append("  results: ").append(file).append(System.lineSeparator());
        System.out.print(text);
    }
}
