package dev.storefront.messaging;

import static dev.storefront.messaging.MessagingTestSupport.count;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/** What the real-fault tests share: child JVMs on this test's classpath, and the invariant checks over the effects. */
final class FaultTestSupport {

    private FaultTestSupport() {}

    /** A relay cycle over the test schema's outbox, run by the test itself (no relay thread). */
    static RelayBatch relay(DataSource dataSource, EventProducer producer, RelaySettings settings) {
        return new RelayBatch(
                dataSource,
                new OutboxStore(MessagingTestSupport.DATABASE.schema()),
                producer,
                settings,
                RelayListener.NONE,
                Clock.systemUTC());
    }

    /** Runs relay cycles back to back until none claims anything. */
    static void drain(RelayBatch relay) throws Exception {
        while (relay.runOnce() > 0) {
            // until nothing is due
        }
    }

    /** {@code keys} aggregate ids no other test uses. */
    static List<String> newKeys(int keys) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            ids.add("order-" + UUID.randomUUID());
        }
        return ids;
    }

    /** A process running {@code main} on this JVM's classpath, with {@code jvmOptions} before the class name. */
    static ProcessBuilder javaProcess(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** The process's output, line by line, as it comes. */
    static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        return lines;
    }

    static String inList(List<String> values) {
        return "('" + String.join("','", values) + "')";
    }

    static long unsent(List<String> ids) throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND event_id::text IN " + inList(ids));
    }

    static long effects(List<String> ids) throws SQLException {
        return count("SELECT count(*) FROM effects WHERE event_id::text IN " + inList(ids));
    }

    /** The seq of each key's effects, in the order they were applied. */
    static Map<String, List<Long>> appliedPerKey(List<String> keys) throws SQLException {
        Map<String, List<Long>> applied = new HashMap<>();
        try (Connection db = MessagingTestSupport.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT aggregate_id, seq FROM effects WHERE aggregate_id IN "
                        + inList(keys) + " ORDER BY applied")) {
            while (rows.next()) {
                applied.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                        .add(rows.getLong(2));
            }
        }
        return applied;
    }
}
