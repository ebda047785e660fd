package dev.storefront.catalog.adapter.out.cache;

import dev.storefront.infra.Network;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import redis.embedded.RedisServer;

/**
 * A Redis server of a test's own, which the test can freeze with SIGSTOP and resume with SIGCONT: a frozen server
 * keeps its connections and its data but answers nothing, as a hung process or a path that stopped forwarding would.
 */
final class FreezableRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private long pid;
    private boolean frozen;

    private FreezableRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static FreezableRedis start() {
        int port = Network.freePort();
        try {
            RedisServer server =
                    RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            server.start();
            return new FreezableRedis(server, port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server's process (SIGSTOP). */
    void freeze() throws IOException, InterruptedException {
        if (pid == 0) {
            pid = pid();
        }
        signal("STOP");
        frozen = true;
    }

    /** Resumes it (SIGCONT). */
    void thaw() throws IOException, InterruptedException {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    /** What the server holds under {@code key}; call only while it is not frozen. */
    String get(String key) {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().get(key);
        } finally {
            client.shutdown();
        }
    }

    private long pid() {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection
                    .sync()
                    .info("server")
                    .lines()
                    .filter(l -> l.startsWith("process_id:"))
                    .map(l -> Long.parseLong(l.substring("process_id:".length()).trim()))
                    .findFirst()
                    .orElseThrow();
        } finally {
            client.shutdown();
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " exited with " + exit);
        }
    }

    @Override
    public void close() throws Exception {
        thaw();
        if (server.isActive()) {
            server.stop();
        }
    }
}
