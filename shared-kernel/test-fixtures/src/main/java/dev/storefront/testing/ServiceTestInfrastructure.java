package dev.storefront.testing;

import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.DemoTokens;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.ServiceDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration an integration test hands a service under test: its own database role and schema (provisioned
 * in the {@value #TEST_DATABASE} database), Redis, Kafka and the
 * test JWKS. Each value comes from
 * {@link Infrastructure}, so tests run against real servers wherever they are found or started.
 */
public final class ServiceTestInfrastructure {

    /** Tests never touch the local stack's database. */
    public static final String TEST_DATABASE = "storefront_test";

    private static final String GROUP_SUFFIX =
            ".test-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    /** Where a service reads its JWK Set from (STOREFRONT_JWKS_URL in its application.yml). */
    public static final String JWKS_URL_PROPERTY = "micronaut.security.token.jwt.signatures.jwks.storefront.url";

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
        properties.putAll(tokenProperties());
        // A random port and private consumer groups: tests never collide with a running local stack.
        properties.put("micronaut.server.port", "-1");
        properties.put("storefront.messaging.group-suffix", GROUP_SUFFIX);
        return properties;
    }

    /**
     * What makes a service verify {@link TestTokens}: the test JWKS ({@link TestKeys}) as its JWKS URL and the issuer
     * and audience the tokens name. For every service under test, in this JVM or started as a process.
     */
    public static Map<String, String> tokenProperties() {
        return Map.of(
                JWKS_URL_PROPERTY,
                TestKeys.jwksUrl(),
                "storefront.security.tokens.issuer",
                DemoTokens.ISSUER,
                "storefront.security.tokens.audience",
                DemoTokens.AUDIENCE);
    }

    /** The database a test may inspect directly, as the service's own role sees it. */
    public static String jdbcUrl(ServiceDatabase service) {
        return Infrastructure.forTests().postgres().jdbcUrl(TEST_DATABASE, service.schema());
    }
}
