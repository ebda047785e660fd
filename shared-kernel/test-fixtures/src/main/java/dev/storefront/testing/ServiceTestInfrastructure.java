package dev.storefront.testing;

import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.ServiceDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration an integration test hands a service under test: its own database role and schema (provisioned
 * in the {@value #TEST_DATABASE} database), Redis, Kafka and the test signing key. Each value comes from
 * {@link Infrastructure}, so tests run against real servers wherever they are found or started.
 */
public final class ServiceTestInfrastructure {

    /** Tests never touch the local stack's database. */
    public static final String TEST_DATABASE = "storefront_test";

    private static final String GROUP_SUFFIX =
            ".test-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    private ServiceTestInfrastructure() {}

    /** Properties for a Micronaut {@code TestPropertyProvider}: everything a service needs to start for real. */
    public static Map<String, String> propertiesFor(ServiceDatabase service) {
        Infrastructure infra = Infrastructure.forTests();
        ServiceDatabase database = service.inDatabase(TEST_DATABASE);
        PostgresServer postgres = infra.postgres();
        DatabaseProvisioner.provision(postgres, database);
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", postgres.jdbcUrl(database.database(), database.schema()));
        properties.put("datasources.default.username", database.role());
        properties.put("datasources.default.password", database.password());
        properties.put("redis.uri", infra.redis().uri());
        properties.put("storefront.rate-limits.redis-uri", infra.redis().uri());
        properties.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        properties.put("micronaut.security.token.jwt.signatures.secret.validator.secret", TestTokens.SECRET);
        // A random port and private consumer groups: tests never collide with a running local stack.
        properties.put("micronaut.server.port", "-1");
        properties.put("storefront.messaging.group-suffix", GROUP_SUFFIX);
        return properties;
    }

    /** The database a test may inspect directly, as the service's own role sees it. */
    public static String jdbcUrl(ServiceDatabase service) {
        return Infrastructure.forTests().postgres().jdbcUrl(TEST_DATABASE, service.schema());
    }
}
