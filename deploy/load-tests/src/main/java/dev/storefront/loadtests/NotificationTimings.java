package dev.storefront.loadtests;

import dev.storefront.infra.DemoIssuer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The notification leg of P8: for the orders of a step, when notification-service stored each order's
 * ORDER_CONFIRMED notification ({@code notifications.created_at}, read from its own schema) and when an open stream
 * pushed it to the shopper ({@link Watch}: one stream per shopper of the step, opened before the step starts). Both are
 * taken from the order's placement ({@code orders.placed_at}, {@link OrderTimings#placedAt}); every timestamp comes
 * from the same machine's clock.
 *
 * <p>Where notification-service is: {@code NOTIFICATION_URL} (the stack's, {@code http://127.0.0.1:8083}),
 * {@code NOTIFICATION_DB_URL}, {@code NOTIFICATION_DB_USER} and {@code NOTIFICATION_DB_PASSWORD} (the stack's schema
 * {@code notification} and its role).
 */
final class NotificationTimings implements AutoCloseable {

    static final String CONFIRMED = "ORDER_CONFIRMED";

    private final Connection connection;
    private final String baseUrl;

    private NotificationTimings(Connection connection, String baseUrl) {
        this.connection = connection;
        this.baseUrl = baseUrl;
    }

    static NotificationTimings fromEnvironment() throws SQLException {
        return new NotificationTimings(
                DriverManager.getConnection(
                        env(
                                "NOTIFICATION_DB_URL",
                                "jdbc:postgresql://127.0.0.1:5432/storefront?currentSchema=notification"),
                        env("NOTIFICATION_DB_USER", "notification_service"),
                        env("NOTIFICATION_DB_PASSWORD", "notification_service")),
                env("NOTIFICATION_URL", "http://127.0.0.1:8083"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * Opens one stream for each of the step's {@code customers} shoppers ({@code <tag>-0} ...), as
     * {@link PreparedCarts} names them, and waits until every one is open or {@code deadline} passed.
     */
    Watch watch(DemoIssuer issuer, String tag, int customers, Duration deadline) throws InterruptedException {
        Watch watch = new Watch(baseUrl);
        List<CompletableFuture<Integer>> opening = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            String customer = tag + "-" + i;
            opening.add(watch.streams.open(customer, AdminToken.customer(issuer, Duration.ofHours(2), customer)));
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // counted below: a stream that did not open is reported, and its orders are missing from the pushes
        }
        watch.requested = customers;
        return watch;
    }

    /** The step's open streams and the first push of each order's ORDER_CONFIRMED notification. */
    static final class Watch implements AutoCloseable {

        private final Map<String, Long> confirmedPushedAt = new ConcurrentHashMap<>();
        private final NotificationStreams streams;
        private int requested;

        private Watch(String baseUrl) {
            streams = new NotificationStreams(baseUrl, push -> {
                if (CONFIRMED.equals(push.kind())) {
                    confirmedPushedAt.putIfAbsent(push.orderId(), push.receivedAtMicros());
                }
            });
        }

        /** Waits until {@code expected} orders' ORDER_CONFIRMED notifications were pushed, or the deadline passed. */
        void awaitPushes(long expected, Duration deadline) throws InterruptedException {
            long until = System.nanoTime() + deadline.toNanos();
            while (confirmedPushedAt.size() < expected && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        /** Order id to receipt of its ORDER_CONFIRMED push, epoch microseconds. */
        Map<String, Long> confirmedPushedAt() {
            return Map.copyOf(confirmedPushedAt);
        }

        /** requested, opened, refused, failed (never opened), endedEarly (closed by the server while measuring). */
        Map<String, Long> streamCounts() {
            NotificationStreams.Counts c = streams.counts();
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("requested", (long) requested);
            counts.put("opened", c.opened());
            counts.put("refused", c.refused());
            counts.put("failed", c.failed());
            counts.put("endedEarly", c.endedEarly());
            counts.put("heartbeats", c.heartbeats());
            return counts;
        }

        @Override
        public void close() {
            streams.close();
        }
    }

    /**
     * Waits until at least {@code expected} ORDER_CONFIRMED notifications of the tagged shoppers are stored or
     * {@code seconds} passed; returns when each was stored, per order, in epoch microseconds.
     */
    Map<String, Long> awaitStored(String tag, long expected, long seconds) throws SQLException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Long> stored = stored(tag);
        while (stored.size() < expected && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(250);
            stored = stored(tag);
        }
        return stored;
    }

    private Map<String, Long> stored(String tag) throws SQLException {
        Map<String, Long> at = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT order_id, (EXTRACT(EPOCH FROM created_at) * 1000000)::bigint FROM notifications"
                        + " WHERE customer_id LIKE ? AND kind = ?")) {
            query.setString(1, tag + "-%");
            query.setString(2, CONFIRMED);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    at.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return at;
    }

    /** From each order's placement to the moment in {@code at} of the same order, in microseconds. */
    static Histogram since(Map<String, Long> placedAt, Map<String, Long> at) {
        Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(20), 3);
        at.forEach((order, when) -> {
            Long placed = placedAt.get(order);
            if (placed != null) {
                micros.recordValue(Math.min(micros.getHighestTrackableValue(), Math.max(0, when - placed)));
            }
        });
        return micros;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
