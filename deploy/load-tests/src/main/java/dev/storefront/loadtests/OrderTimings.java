package dev.storefront.loadtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What became of the orders a step placed, read from order-service's own tables: how many are in each status, and
 * how long each took from placement to CONFIRMED (both times are written by order-service from the same clock).
 * The orders of a step are those of its shoppers, whose subjects start with the step's tag.
 */
final class OrderTimings implements AutoCloseable {

    private final Connection connection;

    OrderTimings(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
    }

    /** Orders of the tagged shoppers by status. */
    Map<String, Long> statuses(String tag) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT status, count(*) FROM orders WHERE customer_id LIKE ? GROUP BY status ORDER BY status")) {
            query.setString(1, tag + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Waits until none of the tagged orders is PENDING, or the deadline passes; returns the last counts. */
    Map<String, Long> awaitSettled(String tag, long deadlineSeconds) throws SQLException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        Map<String, Long> counts = statuses(tag);
        while (counts.getOrDefault("PENDING", 0L) > 0 && System.nanoTime() < until) {
            // Polling a table; the saga settles orders within milliseconds to seconds.
            TimeUnit.MILLISECONDS.sleep(250);
            counts = statuses(tag);
        }
        return counts;
    }

    /** Placement to CONFIRMED of the tagged orders, in microseconds. */
    Histogram placedToConfirmed(String tag) throws SQLException {
        Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(20), 3);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT (EXTRACT(EPOCH FROM (h.at - o.placed_at)) * 1000000)::bigint FROM orders o"
                        + " JOIN order_status_history h ON h.order_id = o.id AND h.status = 'CONFIRMED'"
                        + " WHERE o.customer_id LIKE ?")) {
            query.setString(1, tag + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    micros.recordValue(Math.max(0, rows.getLong(1)));
                }
            }
        }
        return micros;
    }

    /** When each tagged order was placed, by order id, in epoch microseconds. */
    Map<String, Long> placedAt(String tag) throws SQLException {
        Map<String, Long> at = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, (EXTRACT(EPOCH FROM placed_at) * 1000000)::bigint FROM orders WHERE customer_id LIKE ?")) {
            query.setString(1, tag + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    at.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return at;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
