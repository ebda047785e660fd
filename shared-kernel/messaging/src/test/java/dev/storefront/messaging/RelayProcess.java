package dev.storefront.messaging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A relay in a process of its own, for tests that kill it for real. It runs relay cycles over the outbox and, once
 * the broker has acknowledged a batch and before the rows are marked sent, prints {@code ACKNOWLEDGED <n>} and stops
 * there until the process is killed.
 *
 * <p>Arguments: JDBC URL, user, password, schema, Kafka bootstrap servers, claim lease (ISO-8601 duration).
 */
public final class RelayProcess {

    private RelayProcess() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(args[2]);
        String schema = args[3];
        Duration lease = Duration.parse(args[5]);
        RelaySettings settings = new RelaySettings(
                true,
                Duration.ofMillis(200),
                false,
                500,
                Duration.ofSeconds(2),
                lease,
                5,
                Duration.ofMillis(50),
                Duration.ofMillis(500),
                Duration.ofDays(7),
                Duration.ofMinutes(1));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CountDownLatch never = new CountDownLatch(1);
        RelayBatch batch = new RelayBatch(
                dataSource,
                new OutboxStore(schema),
                new EventProducer(args[4]),
                settings,
                new RelayListener() {
                    @Override
                    public void acknowledged(List<OutboxRecord> published) {
                        if (published.isEmpty()) {
                            return;
                        }
                        out.println("ACKNOWLEDGED " + published.size());
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                Clock.systemUTC());
        out.println("READY");
        while (true) {
            batch.runOnce();
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }
}
