package dev.storefront.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Testcontainers step of resolution. Kept apart so that nothing touches Docker classes unless an engine answers.
 */
final class Containers {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:3.9.1";

    private Containers() {}

    static boolean dockerAvailable() {
        if (Boolean.parseBoolean(Settings.get("storefront.testcontainers.disabled", "false"))) {
            return false;
        }
        if (!dockerEndpointConfigured()) {
            // Asking Testcontainers would log an ERROR with every strategy it tried; the caller logs the choice.
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Whether anything names or offers a Docker endpoint: DOCKER_HOST, a Testcontainers properties file, or one of the
     * sockets Docker Engine, rootless Docker and Docker Desktop listen on. Without one, Testcontainers cannot succeed.
     */
    static boolean dockerEndpointConfigured() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock")));
        if (runtime != null && !runtime.isBlank()) {
            candidates.add(Path.of(runtime, "docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    static Started<PostgresServer> postgres() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(POSTGRES_IMAGE);
        container.start();
        return new Started<>(
                new PostgresServer(
                        container.getHost(),
                        container.getMappedPort(5432),
                        container.getUsername(),
                        container.getPassword(),
                        Source.TESTCONTAINERS),
                container::stop);
    }

    static Started<RedisServer> redis() {
        GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        container.start();
        return new Started<>(
                new RedisServer(
                        "redis://" + container.getHost() + ":" + container.getMappedPort(6379), Source.TESTCONTAINERS),
                container::stop);
    }

    static Started<KafkaCluster> kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return new Started<>(new KafkaCluster(container.getBootstrapServers(), Source.TESTCONTAINERS), container::stop);
    }

    /** A resolved endpoint and how to stop what was started for it. */
    record Started<T>(T endpoint, Runnable stop) {}
}
