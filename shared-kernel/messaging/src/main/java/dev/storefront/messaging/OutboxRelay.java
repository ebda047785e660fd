package dev.storefront.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka. A relay thread drains due rows batch after batch, then sleeps until a commit in this
 * instance wakes it ({@link OutboxSignal}), a NOTIFY from another instance arrives (when LISTEN/NOTIFY is on; a
 * listener thread then holds one connection on LISTEN), or the poll interval passes.
 * Any number of service instances may run a relay at once (see {@link OutboxStore} for why that is safe). It also
 * purges sent rows after the retention period, and reports backlog, oldest unsent age, parked rows, publish rate and
 * failures.
 */
@Singleton
@Requires(property = "storefront.messaging.relay.enabled", notEquals = "false")
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final OutboxStore store;
    private final RelaySettings settings;
    private final MessagingSettings messaging;
    private final RelayBatch batch;
    private final OutboxSignal wakeUp;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentMillis = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private volatile boolean running;
    private Thread relayThread;
    private Thread listenThread;
    private Instant nextPurge = Instant.EPOCH;
    private Instant nextStats = Instant.EPOCH;

    public OutboxRelay(
            DataSource dataSource,
            DataSourceResolver resolver,
            EventProducer producer,
            RelaySettings settings,
            MessagingSettings messaging,
            OutboxSignal signal,
            @Nullable MeterRegistry meters) {
        this.wakeUp = signal;
        this.dataSource = resolver.resolve(dataSource);
        this.store = new OutboxStore(messaging.schema());
        this.settings = settings;
        this.messaging = messaging;
        this.batch = new RelayBatch(
                this.dataSource, store, producer, settings, metrics(meters, messaging.schema()), Clock.systemUTC());
    }

    private RelayListener metrics(@Nullable MeterRegistry meters, String schema) {
        if (meters == null) {
            return RelayListener.NONE;
        }
        Gauge.builder("storefront.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by the broker")
                .tag("schema", schema)
                .register(meters);
        Gauge.builder("storefront.outbox.oldest.unsent.seconds", oldestUnsentMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unsent outbox row")
                .tag("schema", schema)
                .register(meters);
        Gauge.builder("storefront.outbox.parked", parked, AtomicLong::get)
                .description("Outbox rows the broker refused for good, waiting for an operator")
                .tag("schema", schema)
                .register(meters);
        Counter published = Counter.builder("storefront.outbox.published")
                .description("Events the broker acknowledged")
                .tag("schema", schema)
                .register(meters);
        Counter failures = Counter.builder("storefront.outbox.failures")
                .description("Publish attempts that failed and will be retried")
                .tag("schema", schema)
                .register(meters);
        return new RelayListener() {
            @Override
            public void acknowledged(List<OutboxRecord> records) {
                published.increment(records.size());
            }

            @Override
            public void failed(OutboxRecord record, Throwable error) {
                failures.increment();
            }
        };
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        relayThread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::relayLoop);
        if (settings.listenNotify()) {
            listenThread = Thread.ofPlatform().name("outbox-listen").daemon().start(this::listenLoop);
        }
        LOG.info("Outbox relay started for schema {}", messaging.schema());
    }

    private void relayLoop() {
        while (running) {
            try {
                // Keep draining: a batch holds one row per key, so more may be due right away. Housekeeping is
                // time-gated and runs between batches too, so gauges and the purge keep up under steady load.
                while (running && batch.runOnce() > 0) {
                    housekeeping();
                }
                housekeeping();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Outbox relay cycle failed; retrying after {}", settings.pollInterval(), e);
            }
            try {
                wakeUp.await(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void housekeeping() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextStats) && now.isBefore(nextPurge)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!now.isBefore(nextStats)) {
                OutboxStore.Backlog current = store.backlog(connection);
                backlog.set(current.size());
                parked.set(current.parked());
                oldestUnsentMillis.set(
                        current.oldestAge().map(java.time.Duration::toMillis).orElse(0L));
                nextStats = now.plusSeconds(1);
            }
            if (!now.isBefore(nextPurge)) {
                int purged = 0;
                int deleted;
                do {
                    deleted = store.purgeSentBefore(connection, now.minus(settings.retention()));
                    purged += deleted;
                } while (deleted == OutboxStore.PURGE_BATCH && running);
                if (purged > 0) {
                    LOG.info("Purged {} sent outbox rows older than {}", purged, settings.retention());
                }
                nextPurge = now.plus(settings.purgeInterval());
            }
        }
    }

    private void listenLoop() {
        String channel = OutboxWriter.NOTIFY_CHANNEL_PREFIX + messaging.schema();
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        wakeUp.committed();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Outbox LISTEN connection lost; the relay falls back to polling until it is back", e);
                    try {
                        TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        wakeUp.committed();
        join(relayThread);
        join(listenThread);
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
