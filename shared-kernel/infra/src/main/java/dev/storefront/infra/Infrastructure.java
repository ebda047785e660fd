package dev.storefront.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves Postgres, Redis and Kafka for integration tests and for the local stack, one mechanism for both. For each,
 * in order: explicit configuration ({@code STOREFRONT_PG_HOST}, {@code STOREFRONT_REDIS_URI},
 * {@code STOREFRONT_KAFKA_BOOTSTRAP}); a server already listening on its default local port; Testcontainers when a
 * Docker engine answers; otherwise an embedded server. It logs which source it chose, and stops whatever it started
 * when {@link #close()} runs (or the JVM exits).
 *
 * <p>Resolution is lazy and cached: a test that needs only Postgres never starts Kafka.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
    private static volatile Infrastructure shared;

    private final Options options;
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private PostgresServer postgres;
    private RedisServer redis;
    private KafkaCluster kafka;

    /**
     * How to resolve. {@code kafkaPort} 0 means any free port for an embedded broker (tests); the local stack pins
     * 9092 so that tools find it where they expect.
     */
    public record Options(
            int kafkaPort, int kafkaControllerPort, int kafkaPartitions, Path workDir, boolean kafkaInOwnProcess) {
        /** Tests run an embedded broker inside their own JVM: the quickest start. */
        public static Options forTests() {
            return new Options(0, 0, 3, tempDir(), false);
        }

        /**
         * The local stack runs an embedded broker as a process of its own ({@link KafkaBrokerProcess}), so it can be
         * frozen, stopped and restarted apart from everything else.
         */
        public static Options forLocalStack(Path workDir) {
            return new Options(9092, 9093, 3, workDir, true);
        }

        private static Path tempDir() {
            try {
                return Files.createTempDirectory("storefront-infra");
            } catch (IOException e) {
                throw new IllegalStateException("no temp directory", e);
            }
        }
    }

    public Infrastructure(Options options) {
        this.options = options;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "infrastructure-shutdown"));
    }

    /** The instance shared by every test in this JVM, so each server starts at most once per test run. */
    public static Infrastructure forTests() {
        Infrastructure instance = shared;
        if (instance == null) {
            synchronized (Infrastructure.class) {
                if (shared == null) {
                    shared = new Infrastructure(Options.forTests());
                }
                instance = shared;
            }
        }
        return instance;
    }

    public synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = resolve(
                    "Postgres",
                    this::configuredPostgres,
                    this::localPostgres,
                    Containers::postgres,
                    EmbeddedServers::postgres);
        }
        return postgres;
    }

    public synchronized RedisServer redis() {
        if (redis == null) {
            redis = resolve(
                    "Redis", this::configuredRedis, this::localRedis, Containers::redis, EmbeddedServers::redis);
        }
        return redis;
    }

    public synchronized KafkaCluster kafka() {
        if (kafka == null) {
            kafka = resolve("Kafka", this::configuredKafka, this::localKafka, Containers::kafka, () -> {
                int port = options.kafkaPort() == 0 ? Network.freePort() : options.kafkaPort();
                int controller =
                        options.kafkaControllerPort() == 0 ? Network.freePort() : options.kafkaControllerPort();
                if (options.kafkaInOwnProcess()) {
                    return KafkaBrokerProcess.launch(
                            port, controller, options.workDir().resolve("kafka-" + port), options.workDir());
                }
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                        port,
                        controller,
                        options.kafkaPartitions(),
                        options.workDir().resolve("kafka-" + port));
                return new Containers.Started<>(
                        new KafkaCluster(broker.bootstrapServers(), Source.EMBEDDED), broker::close);
            });
        }
        return kafka;
    }

    private <T> T resolve(
            String what,
            Supplier<Optional<T>> configured,
            Supplier<Optional<T>> local,
            Supplier<Containers.Started<T>> container,
            Supplier<Containers.Started<T>> embedded) {
        long start = System.nanoTime();
        Optional<T> found = configured.get().or(local);
        String why = "";
        if (found.isEmpty()) {
            boolean docker = Containers.dockerAvailable();
            Containers.Started<T> started = docker ? container.get() : embedded.get();
            stops.push(started.stop());
            found = Optional.of(started.endpoint());
            why = docker ? "" : " (none configured or listening, no Docker engine)";
        }
        T endpoint = found.get();
        LOG.info("{} resolved in {} ms: {}{}", what, (System.nanoTime() - start) / 1_000_000, endpoint, why);
        return endpoint;
    }

    private Optional<PostgresServer> configuredPostgres() {
        return Settings.get("storefront.pg.host")
                .map(host -> new PostgresServer(
                        host,
                        Integer.parseInt(Settings.get("storefront.pg.port", "5432")),
                        Settings.get("storefront.pg.admin.user", "postgres"),
                        Settings.get("storefront.pg.admin.password", ""),
                        Source.CONFIGURED));
    }

    private Optional<PostgresServer> localPostgres() {
        if (!Network.isListening("127.0.0.1", 5432)) {
            return Optional.empty();
        }
        PostgresServer candidate = new PostgresServer(
                "127.0.0.1",
                5432,
                Settings.get("storefront.pg.admin.user", "postgres"),
                Settings.get("storefront.pg.admin.password", ""),
                Source.LOCAL);
        try (Connection ignored = candidate.adminConnection("postgres")) {
            return Optional.of(candidate);
        } catch (SQLException e) {
            LOG.warn("Postgres listens on 5432 but refused {}: {}", candidate.adminUser(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<RedisServer> configuredRedis() {
        return Settings.get("storefront.redis.uri").map(uri -> new RedisServer(uri, Source.CONFIGURED));
    }

    private Optional<RedisServer> localRedis() {
        return answersPing("127.0.0.1", 6379)
                ? Optional.of(new RedisServer("redis://127.0.0.1:6379", Source.LOCAL))
                : Optional.empty();
    }

    private Optional<KafkaCluster> configuredKafka() {
        return Settings.get("storefront.kafka.bootstrap").map(servers -> new KafkaCluster(servers, Source.CONFIGURED));
    }

    private Optional<KafkaCluster> localKafka() {
        return Network.isListening("127.0.0.1", 9092)
                ? Optional.of(new KafkaCluster("127.0.0.1:9092", Source.LOCAL))
                : Optional.empty();
    }

    private static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return "+PONG".equals(reply);
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops what this instance started, newest first. Idempotent. */
    @Override
    public synchronized void close() {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("stopping infrastructure failed", e);
            }
        }
    }
}
