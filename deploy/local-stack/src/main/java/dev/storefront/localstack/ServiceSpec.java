package dev.storefront.localstack;

import dev.storefront.infra.KafkaCluster;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.RedisServer;
import dev.storefront.infra.ServiceDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** One service of the stack: its module name (also its jar's), its port and the schema it owns. */
record ServiceSpec(String name, int port, ServiceDatabase database) {

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The runnable jar the service's build leaves behind. */
    Path jar(Path root) {
        return root.resolve(name).resolve("target").resolve(name + ".jar");
    }

    /**
     * The environment the service reads (see its application.yml). Of the demo issuer it gets the public JWK Set
     * only ({@code jwksUrl}, a {@code file:} URL): nothing a service holds can sign a token.
     */
    Map<String, String> environment(PostgresServer postgres, RedisServer redis, KafkaCluster kafka, String jwksUrl) {
        return Map.of(
                "PORT", Integer.toString(port),
                "DB_URL", postgres.jdbcUrl(database.database(), database.schema()),
                "DB_USER", database.role(),
                "DB_PASSWORD", database.password(),
                "REDIS_URI", redis.uri(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STOREFRONT_JWKS_URL", jwksUrl,
                "LOG_FORMAT", System.getenv().getOrDefault("LOG_FORMAT", "json"));
    }
}
