package dev.storefront.messaging;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.SchemaValidator;
import dev.storefront.events.Traceparent;
import dev.storefront.events.order.OrderLine;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.ServiceDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Measures targets P6 and P7 (targets.md) side by side in one JVM, against real Postgres and Kafka:
 *
 * <ul>
 *   <li>P6: committed "orders" per second with the outbox write in the transaction / without it (same threads, same
 *       order row);
 *   <li>P7: rows per second the relay drains / the highest ingest rate with the outbox; and, for reference, the
 *       relay's rate / a raw idempotent acks=all producer sending records of the same size.
 * </ul>
 *
 * Each round measures everything once; the summary gives the median and the spread of the ratios over the rounds.
 * Usage: {@code deploy/bench/outbox.sh [rounds] [seconds-per-phase] [writer-threads]}.
 */
public final class OutboxBenchmark {

    private static final ServiceDatabase DATABASE =
            new ServiceDatabase("storefront_bench", "bench_outbox", "bench_outbox", "bench_outbox");

    private OutboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String topic = "bench.orders." + UUID.randomUUID().toString().substring(0, 8);

        try (Infrastructure infra = new Infrastructure(Infrastructure.Options.forTests())) {
            PostgresServer postgres = infra.postgres();
            DatabaseProvisioner.provision(postgres, DATABASE);
            String bootstrap = infra.kafka().bootstrapServers();
            try (ApplicationContext context = ApplicationContext.run(Map.of(
                    "datasources.default.url",
                    postgres.jdbcUrl(DATABASE.database(), DATABASE.schema()),
                    "datasources.default.username",
                    DATABASE.role(),
                    "datasources.default.password",
                    DATABASE.password(),
                    "datasources.default.maximum-pool-size",
                    writers + 4,
                    "kafka.bootstrap.servers",
                    bootstrap,
                    "storefront.messaging.source",
                    "bench",
                    "storefront.messaging.schema",
                    DATABASE.schema(),
                    "storefront.messaging.topics",
                    topic,
                    "storefront.messaging.relay.enabled",
                    false,
                    "storefront.messaging.consumer.enabled",
                    false))) {
                context.getBean(TopicInitializer.class).ensureTopics();
                new OutboxBenchmark.Run(context, topic, seconds, writers).rounds(rounds, infra);
            }
        }
    }

    private record Round(
            double withoutOutbox, double withOutbox, double relayDrain, double rawProducer, int envelopeBytes) {
        double p6() {
            return withOutbox / withoutOutbox;
        }

        double p7() {
            return relayDrain / withOutbox;
        }

        double relayVsRaw() {
            return relayDrain / rawProducer;
        }
    }

    private static final class Run {
        private final TransactionOperations<Connection> transactions;
        private final OutboxWriter outbox;
        private final EventProducer producer;
        private final DataSource dataSource;
        private final RelaySettings relaySettings;
        private final String topic;
        private final int seconds;
        private final int writers;

        Run(ApplicationContext context, String topic, int seconds, int writers) throws Exception {
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            this.transactions = tx;
            this.outbox = context.getBean(OutboxWriter.class);
            this.producer = context.getBean(EventProducer.class);
            this.dataSource = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
            this.relaySettings = context.getBean(RelaySettings.class);
            this.topic = topic;
            this.seconds = seconds;
            this.writers = writers;
            try (Connection db = dataSource.getConnection();
                    Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE IF NOT EXISTS bench_orders (id UUID PRIMARY KEY, customer_id TEXT NOT NULL,"
                        + " total_minor BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                sql.execute("TRUNCATE bench_orders");
                sql.execute("TRUNCATE outbox");
            }
        }

        void rounds(int rounds, Infrastructure infra) throws Exception {
            System.out.printf(Locale.ROOT, "Warming up (%d s)...%n", seconds);
            ingest(false, Math.max(2, seconds / 2));
            ingest(true, Math.max(2, seconds / 2));
            drain();
            List<Round> results = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                double without = ingest(false, seconds);
                double with = ingest(true, seconds);
                long backlog = backlog();
                double relay = drain();
                int size = typicalEnvelopeSize();
                double raw = rawProducer((int) Math.min(backlog, 200_000), size);
                Round round = new Round(without, with, relay, raw, size);
                results.add(round);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: orders/s without outbox %.0f, with outbox %.0f (P6 %.2f); relay drained %d rows at"
                                + " %.0f/s (P7 %.2f); raw producer %.0f/s (relay/raw %.2f); envelope %d B%n",
                        i,
                        without,
                        with,
                        round.p6(),
                        backlog,
                        relay,
                        round.p7(),
                        raw,
                        round.relayVsRaw(),
                        size);
            }
            report(results, infra);
        }

        /** Committed transactions per second over {@code seconds}, each inserting one order (and its event). */
        private double ingest(boolean withOutbox, int seconds) throws Exception {
            AtomicLong committed = new AtomicLong();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    while (System.nanoTime() < until) {
                        UUID id = UUID.randomUUID();
                        transactions.executeWrite(status -> {
                            try (PreparedStatement insert = status.getConnection()
                                    .prepareStatement("INSERT INTO bench_orders (id, customer_id, total_minor)"
                                            + " VALUES (?, 'customer-1', 4200)")) {
                                insert.setObject(1, id);
                                insert.executeUpdate();
                            }
                            if (withOutbox) {
                                EventEnvelope event = event(id.toString());
                                outbox.write(event, topic, SchemaValidator.validatePayload(event));
                            }
                            return null;
                        });
                        committed.incrementAndGet();
                    }
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            double elapsed = (System.nanoTime() - begin) / 1e9;
            pool.shutdown();
            return committed.get() / elapsed;
        }

        /** Rows per second one relay drains from the current backlog until nothing is due. */
        private double drain() throws Exception {
            RelayBatch relay = new RelayBatch(
                    dataSource,
                    new OutboxStore("bench_outbox"),
                    producer,
                    relaySettings,
                    RelayListener.NONE,
                    Clock.systemUTC());
            long rows = 0;
            long begin = System.nanoTime();
            int claimed;
            while ((claimed = relay.runOnce()) > 0) {
                rows += claimed;
            }
            double elapsed = (System.nanoTime() - begin) / 1e9;
            return rows == 0 ? 0 : rows / elapsed;
        }

        /** Records per second of a raw idempotent acks=all producer, same record size, waiting for every ack. */
        private double rawProducer(int records, int size) throws Exception {
            byte[] value = new byte[size];
            Arrays.fill(value, (byte) 'x');
            List<Future<RecordMetadata>> acks = new ArrayList<>(records);
            long begin = System.nanoTime();
            for (int i = 0; i < records; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "order-" + i, value)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            return records / ((System.nanoTime() - begin) / 1e9);
        }

        private long backlog() throws Exception {
            try (Connection db = dataSource.getConnection();
                    var rows = db.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
                rows.next();
                return rows.getLong(1);
            }
        }

        private int typicalEnvelopeSize() {
            return EventCodec.toBytes(event(UUID.randomUUID().toString())).length;
        }

        private static EventEnvelope event(String orderId) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            OrderPlaced placed = new OrderPlaced(
                    orderId,
                    "customer-1",
                    List.of(new OrderLine("SKU-0001", 2, 1500), new OrderLine("SKU-0002", 1, 1200)),
                    "EUR",
                    4200,
                    now,
                    now.plus(Duration.ofMinutes(15)));
            return EventCodec.envelope(
                    EventCatalog.ORDER_PLACED, placed, "bench", orderId, orderId, null, Traceparent.newRoot(), now);
        }

        private void report(List<Round> rounds, Infrastructure infra) throws Exception {
            double[] p6 = rounds.stream().mapToDouble(Round::p6).sorted().toArray();
            double[] p7 = rounds.stream().mapToDouble(Round::p7).sorted().toArray();
            double[] raw =
                    rounds.stream().mapToDouble(Round::relayVsRaw).sorted().toArray();
            String machine = String.format(
                    Locale.ROOT,
                    "%d cores, %d MiB max heap, Java %s",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    Runtime.version());
            StringBuilder json = new StringBuilder("{\n");
            json.append("  \"benchmark\": \"outbox\",\n");
            json.append("  \"when\": \"").append(Instant.now()).append("\",\n");
            json.append("  \"machine\": \"").append(machine).append("\",\n");
            json.append("  \"writers\": ").append(writers).append(",\n");
            json.append("  \"secondsPerPhase\": ").append(seconds).append(",\n");
            json.append("  \"kafka\": \"").append(infra.kafka()).append("\",\n");
            json.append("  \"rounds\": [\n");
            for (int i = 0; i < rounds.size(); i++) {
                Round r = rounds.get(i);
                json.append(String.format(
                        Locale.ROOT,
                        "    {\"ordersPerSecondWithoutOutbox\": %.1f, \"ordersPerSecondWithOutbox\": %.1f,"
                                + " \"relayDrainPerSecond\": %.1f, \"rawProducerPerSecond\": %.1f,"
                                + " \"envelopeBytes\": %d, \"p6\": %.3f, \"p7\": %.3f, \"relayVsRaw\": %.3f}%s%n",
                        r.withoutOutbox(),
                        r.withOutbox(),
                        r.relayDrain(),
                        r.rawProducer(),
                        r.envelopeBytes(),
                        r.p6(),
                        r.p7(),
                        r.relayVsRaw(),
                        i < rounds.size() - 1 ? "," : ""));
            }
            json.append("  ],\n");
            json.append(String.format(
                    Locale.ROOT,
                    "  \"p6\": {\"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"target\": \">= 0.7\"},%n",
                    median(p6),
                    p6[0],
                    p6[p6.length - 1]));
            json.append(String.format(
                    Locale.ROOT,
                    "  \"p7\": {\"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"target\": \">= 2\"},%n",
                    median(p7),
                    p7[0],
                    p7[p7.length - 1]));
            json.append(String.format(
                    Locale.ROOT,
                    "  \"relayVsRawProducer\": {\"median\": %.3f, \"min\": %.3f, \"max\": %.3f}%n",
                    median(raw),
                    raw[0],
                    raw[raw.length - 1]));
            json.append("}\n");
            Path out = Path.of(System.getProperty("storefront.bench.out", "deploy/bench/results"));
            Files.createDirectories(out);
            Path file = out.resolve("outbox-" + Instant.now().toString().replace(':', '-') + ".json");
            Files.writeString(file, json);
            System.out.printf(
                    Locale.ROOT,
                    "%nOutbox benchmark (%s; %d writer threads, %d s per phase, %d rounds)%n"
                            + "  P6 orders/s with outbox / without: median %.2f (spread %.2f-%.2f), target >= 0.7%n"
                            + "  P7 relay drain / ingest with outbox: median %.2f (spread %.2f-%.2f), target >= 2%n"
                            + "  relay drain / raw producer (same record size, acks=all): median %.2f (spread"
                            + " %.2f-%.2f)%n  results: %s%n",
                    machine,
                    writers,
                    seconds,
                    rounds.size(),
                    median(p6),
                    p6[0],
                    p6[p6.length - 1],
                    median(p7),
                    p7[0],
                    p7[p7.length - 1],
                    median(raw),
                    raw[0],
                    raw[raw.length - 1],
                    file);
        }

        private static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
