package dev.storefront.localstack;

import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.DemoIssuer;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.KafkaCluster;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.RedisServer;
import dev.storefront.infra.ServiceDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole system on one machine: resolves Postgres, Redis and Kafka (starting what is missing), provisions each
 * service's schema and role, creates the topics, starts catalog, order and notification services in that order (each
 * only after the previous one reports healthy), loads demo data, prints URLs and demo tokens, and on Ctrl-C stops the
 * services gracefully and then the infrastructure it started.
 *
 * <p>Options: {@code --infra-only} resolves and prepares infrastructure but starts no service (for running a service
 * from an IDE).
 */
public final class LocalStack {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** The services in start order: order-service reads from catalog, notification follows order events. */
    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("catalog-service", 8081, ServiceDatabase.CATALOG),
            new ServiceSpec("order-service", 8082, ServiceDatabase.ORDERS),
            new ServiceSpec("notification-service", 8083, ServiceDatabase.NOTIFICATION));

    private LocalStack() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        boolean infraOnly = List.of(args).contains("--infra-only");
        Path root = Path.of(System.getProperty("storefront.root", "."))
                .toAbsolutePath()
                .normalize();
        Path work = root.resolve(".storefront");
        Files.createDirectories(work.resolve("logs"));
        DemoIssuer issuer = DemoIssuer.openOrCreate(work);
        // The shared HS256 key of earlier versions: nothing reads it any more.
        Files.deleteIfExists(work.resolve("jwt-secret"));

        Infrastructure infra = new Infrastructure(Infrastructure.Options.forLocalStack(work));
        PostgresServer postgres = infra.postgres();
        for (ServiceSpec service : SERVICES) {
            DatabaseProvisioner.provision(postgres, service.database());
        }
        RedisServer redis = infra.redis();
        KafkaCluster kafka = infra.kafka();
        Topics.ensure(kafka.bootstrapServers(), Topics.partitions());

        List<ServiceProcess> running = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("Stopping the local stack");
                            for (int i = running.size() - 1; i >= 0; i--) {
                                running.get(i).stop(Duration.ofSeconds(25));
                            }
                            infra.close();
                            stop.countDown();
                        },
                        "local-stack-shutdown"));

        if (!infraOnly) {
            for (ServiceSpec spec : SERVICES) {
                Map<String, String> env = spec.environment(postgres, redis, kafka, issuer.jwksUrl());
                ServiceProcess process = ServiceProcess.start(root, spec, env, work.resolve("logs"));
                running.add(process);
                Duration ready = process.awaitHealthy(Duration.ofSeconds(60));
                LOG.info("{} healthy on port {} after {} ms", spec.name(), spec.port(), ready.toMillis());
            }
            DemoData.load(SERVICES.get(0).baseUri(), issuer.mint("admin", List.of("ADMIN"), Duration.ofMinutes(5)));
            loadDemoProducts(postgres, SERVICES.get(0).database());
        }

        String admin = issuer.mint("admin", List.of("ADMIN"), Duration.ofHours(12));
        String alice = issuer.mint("alice", List.of("CUSTOMER"), Duration.ofHours(12));
        writeTokens(work, admin, alice);
        String journey = writeJourney(work);
        printSummary(
                infraOnly, postgres, redis, kafka, issuer, admin, alice, Duration.ofNanos(System.nanoTime() - started));
        if (!infraOnly) {
            System.out.println("Walk through the journey: bash .storefront/journey.sh, or paste it:"
                    + System.lineSeparator() + System.lineSeparator() + journey);
        }
        stop.await();
    }

    /**
     * Generated products for the demo and for benchmarks (STOREFRONT_DEMO_PRODUCTS, default 10000; 0 loads none),
     * written as the catalog service's role once the service has migrated its schema. Present ones are skipped.
     */
    private static void loadDemoProducts(PostgresServer postgres, ServiceDatabase catalog) throws Exception {
        int products = Integer.parseInt(System.getenv().getOrDefault("STOREFRONT_DEMO_PRODUCTS", "10000"));
        if (products <= 0) {
            return;
        }
        CatalogDataGenerator.Result loaded = CatalogDataGenerator.load(
                postgres.jdbcUrl(catalog.database(), catalog.schema()),
                catalog.role(),
                catalog.password(),
                products,
                CatalogDataGenerator.DEFAULT_SEED);
        LOG.info(
                "Demo products loaded: {} inserted, {} already present, in {} ms",
                loaded.productsInserted(),
                loaded.productsSkipped(),
                loaded.elapsed().toMillis());
    }

    private static void writeTokens(Path work, String admin, String alice) throws IOException {
        Files.writeString(
                work.resolve("tokens.env"),
                "ADMIN_TOKEN=" + admin + System.lineSeparator() + "CUSTOMER_TOKEN=" + alice + System.lineSeparator());
    }

    /** The curl walk-through of the golden journey (tested by the system test), next to the tokens it uses. */
    private static String writeJourney(Path work) throws IOException {
        try (InputStream in = LocalStack.class.getResourceAsStream("journey.sh")) {
            if (in == null) {
                throw new IllegalStateException("journey.sh is missing from the local stack's resources");
            }
            String journey = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(work.resolve("journey.sh"), journey);
            return journey;
        }
    }

    private static void printSummary(
            boolean infraOnly,
            PostgresServer postgres,
            RedisServer redis,
            KafkaCluster kafka,
            DemoIssuer issuer,
            String admin,
            String alice,
            Duration elapsed) {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator())
                .append("Storefront local stack ready in ")
                .append(elapsed.toMillis())
                .append(" ms")
                .append(System.lineSeparator());
        out.append("  Postgres  ")
                .append(postgres.host())
                .append(':')
                .append(postgres.port())
                .append(" (")
                .append(postgres.source())
                .append(", database ")
                .append(ServiceDatabase.DEFAULT_DATABASE)
                .append(')')
                .append(System.lineSeparator());
        out.append("  Redis     ")
                .append(redis.uri())
                .append(" (")
                .append(redis.source())
                .append(')')
                .append(System.lineSeparator());
        out.append("  Kafka     ")
                .append(kafka.bootstrapServers())
                .append(" (")
                .append(kafka.source())
                .append(')')
                .append(System.lineSeparator());
        if (!infraOnly) {
            for (ServiceSpec spec : SERVICES) {
                out.append("  ")
                        .append(String.format("%-21s", spec.name()))
                        .append("http://127.0.0.1:")
                        .append(spec.port())
                        .append("  (logs: .storefront/logs/")
                        .append(spec.name())
                        .append(".log)")
                        .append(System.lineSeparator());
            }
        }
        out.append("  Issuer    storefront-local, RS256 key ")
                .append(issuer.keyId())
                .append(" (services get the public JWKS only: ")
                .append(issuer.jwksUrl())
                .append(')')
                .append(System.lineSeparator());
        out.append("  Tokens (12 h) are in .storefront/tokens.env (more: deploy/mint-token.sh):")
                .append(System.lineSeparator());
        out.append("    ADMIN_TOKEN=").append(admin).append(System.lineSeparator());
        out.append("    CUSTOMER_TOKEN=")
                .append(alice)
                .append("   (customer 'alice')")
                .append(System.lineSeparator());
        out.append("  Try: curl -s http://127.0.0.1:8081/api/v1/categories").append(System.lineSeparator());
        out.append("Press Ctrl-C to stop everything.").append(System.lineSeparator());
        System.out.println(out);
    }
}
