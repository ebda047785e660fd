package dev.storefront.infra;

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
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
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
