package dev.storefront.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last step of resolution: Postgres and Redis binaries packaged as Maven artifacts, run as child processes. */
final class EmbeddedServers {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private EmbeddedServers() {}

    static Containers.Started<PostgresServer> postgres() {
        try {
            EmbeddedPostgres embedded =
                    EmbeddedPostgres.builder().setPort(Network.freePort()).start();
            return new Containers.Started<>(
                    new PostgresServer("127.0.0.1", embedded.getPort(), "postgres", "", Source.EMBEDDED), () -> {
                        try {
                            embedded.close();
                        } catch (IOException e) {
                            LOG.warn("embedded Postgres did not stop cleanly", e);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("embedded Postgres did not start", e);
        }
    }

    static Containers.Started<RedisServer> redis() {
        int port = Network.freePort();
        try {
            redis.embedded.RedisServer embedded = redis.embedded.RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            embedded.start();
            return new Containers.Started<>(new RedisServer("redis://127.0.0.1:" + port, Source.EMBEDDED), () -> {
                try {
                    embedded.stop();
                } catch (IOException e) {
                    LOG.warn("embedded Redis did not stop cleanly", e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("embedded Redis did not start", e);
        }
    }
}
