package dev.storefront.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The last step of resolution, taken on machines without local servers or Docker: the embedded Postgres and Redis
 * really start, accept the provisioning and serve a client. (The embedded Kafka broker is used by every other
 * module's integration tests on a machine without a local broker.)
 */
class EmbeddedFallbackIT {

    @Test
    void embeddedPostgresStartsAndTakesTheServiceProvisioning() throws Exception {
        Containers.Started<PostgresServer> started = EmbeddedServers.postgres();
        try {
            PostgresServer postgres = started.endpoint();
            assertThat(postgres.source()).isEqualTo(Source.EMBEDDED);
            ServiceDatabase catalog = ServiceDatabase.CATALOG.inDatabase("embedded_check");
            ServiceDatabase orders = ServiceDatabase.ORDERS.inDatabase("embedded_check");
            DatabaseProvisioner.provision(postgres, catalog);
            DatabaseProvisioner.provision(postgres, orders);

            String url = postgres.jdbcUrl(catalog.database(), catalog.schema());
            try (Connection own = DriverManager.getConnection(url, catalog.role(), catalog.password())) {
                own.createStatement().execute("CREATE TABLE probe (id INT)");
                try (ResultSet schema = own.createStatement().executeQuery("SELECT current_schema()")) {
                    schema.next();
                    assertThat(schema.getString(1)).isEqualTo("catalog");
                }
            }
            try (Connection other = DriverManager.getConnection(url, orders.role(), orders.password())) {
                assertThatThrownBy(() -> other.createStatement().executeQuery("SELECT * FROM catalog.probe"))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        } finally {
            started.stop().run();
        }
    }

    @Test
    void embeddedRedisStartsAndAnswers() throws Exception {
        Containers.Started<RedisServer> started = EmbeddedServers.redis();
        try {
            URI uri = URI.create(started.endpoint().uri());
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(reply).isEqualTo("+PONG");
            }
        } finally {
            started.stop().run();
        }
    }
}
