package dev.storefront.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run from Kafka's own jars
 * inside this JVM. It formats its storage with Kafka's {@code StorageTool} exactly as {@code kafka-storage.sh format}
 * does, then starts {@link KafkaRaftServer}, the class behind {@code kafka-server-start.sh}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(int port, Path dataDir, KafkaRaftServer server) {
        this.port = port;
        this.dataDir = dataDir;
        this.server = server;
    }

    /**
     * Formats {@code dataDir} and starts a broker on {@code port}, with its controller on {@code controllerPort}.
     * Replication settings are those of a one-node cluster.
     */
    public static EmbeddedKafkaBroker start(int port, int controllerPort, int partitions, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dataDir.resolve("logs").toString());
            props.put("num.partitions", Integer.toString(partitions));
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            Path config = dataDir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(writer, "embedded storefront broker");
            }
            int formatted = StorageTool.execute(
                    new String[] {"format", "-t", clusterId(dataDir), "-c", config.toString(), "--ignore-formatted"},
                    new PrintStream(OutputStream.nullOutputStream()));
            if (formatted != 0) {
                throw new IllegalStateException("kafka storage format failed with exit code " + formatted);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(port, dataDir, server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the kafka data directory " + dataDir, e);
        }
    }

    /** The cluster id kept with the data, so a restarted broker recognises its own storage. */
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Stops the broker but keeps its data, as a crashed or frozen broker would; {@link #start} on the same ports and
     * directory brings it back with its topics and records (used by tests of broker outages).
     */
    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(dataDir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
