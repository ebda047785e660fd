package dev.storefront.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A Postgres server and the administrator account used to provision service databases on it. Services never use
 * these credentials: they get their own role from {@link DatabaseProvisioner}.
 */
public record PostgresServer(String host, int port, String adminUser, String adminPassword, Source source) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl(String database, String schema) {
        return jdbcUrl(database) + "?currentSchema=" + schema;
    }

    /** Never prints the password: endpoints end up in logs. */
    @Override
    public String toString() {
        return "PostgresServer[" + adminUser + "@" + host + ":" + port + ", source=" + source + "]";
    }

    /** An administrator connection to the given database. */
    public Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser, adminPassword);
    }
}
