package dev.storefront.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, idempotently, what a database administrator would set up once per environment: the database, one login
 * role per service and a schema owned by that role. Flyway then runs as the service's role inside its schema. The
 * same statements are in deploy/postgres/init.sql for Compose and Kubernetes.
 */
public final class DatabaseProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProvisioner.class);
    // duplicate_database, duplicate_object, unique_violation (two JVMs racing on the catalog tables)
    private static final Set<String> ALREADY_THERE = Set.of("42P04", "42710", "23505");

    private DatabaseProvisioner() {}

    public static void provision(PostgresServer server, ServiceDatabase service) {
        try {
            try (Connection admin = server.adminConnection("postgres");
                    Statement sql = admin.createStatement()) {
                ignoreIfPresent(sql, "CREATE DATABASE " + quote(service.database()));
                ignoreIfPresent(sql, "CREATE ROLE " + quote(service.role()) + " LOGIN");
                sql.execute("ALTER ROLE " + quote(service.role()) + " LOGIN PASSWORD " + literal(service.password()));
                sql.execute("REVOKE ALL ON DATABASE " + quote(service.database()) + " FROM PUBLIC");
                sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + quote(service.database()) + " TO "
                        + quote(service.role()));
            }
            try (Connection admin = server.adminConnection(service.database());
                    Statement sql = admin.createStatement()) {
                sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
                ignoreIfPresent(
                        sql,
                        "CREATE SCHEMA IF NOT EXISTS " + quote(service.schema()) + " AUTHORIZATION "
                                + quote(service.role()));
                sql.execute("ALTER SCHEMA " + quote(service.schema()) + " OWNER TO " + quote(service.role()));
                sql.execute("REVOKE ALL ON SCHEMA " + quote(service.schema()) + " FROM PUBLIC");
            }
            LOG.info(
                    "Provisioned schema {} for role {} in database {} on {}:{}",
                    service.schema(),
                    service.role(),
                    service.database(),
                    server.host(),
                    server.port());
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision " + service + " on " + server, e);
        }
    }

    private static void ignoreIfPresent(Statement sql, String statement) throws SQLException {
        try {
            sql.execute(statement);
        } catch (SQLException e) {
            if (!ALREADY_THERE.contains(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
