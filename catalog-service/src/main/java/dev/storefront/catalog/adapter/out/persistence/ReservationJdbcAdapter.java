package dev.storefront.catalog.adapter.out.persistence;

import dev.storefront.catalog.application.port.out.Reservations;
import dev.storefront.catalog.domain.Reservation;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.kernel.Sku;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps reservations and their lines in Postgres (schema catalog), in the caller's transaction. */
@Singleton
class ReservationJdbcAdapter implements Reservations {

    private final JdbcOperations jdbc;

    ReservationJdbcAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Reservation> lock(String orderId) {
        return jdbc.prepareStatement(
                "SELECT state, expires_at FROM reservations WHERE order_id = ? FOR UPDATE", statement -> {
                    try {
                        statement.setString(1, orderId);
                        String state;
                        Instant expiresAt;
                        try (ResultSet row = statement.executeQuery()) {
                            if (!row.next()) {
                                return Optional.empty();
                            }
                            state = row.getString(1);
                            expiresAt = row.getTimestamp(2).toInstant();
                        }
                        return Optional.of(
                                new Reservation(orderId, lines(orderId), Reservation.State.valueOf(state), expiresAt));
                    } catch (SQLException e) {
                        throw new DataAccessException("reading reservation " + orderId + " failed", e);
                    }
                });
    }

    private List<ReservationLine> lines(String orderId) {
        return jdbc.prepareStatement(
                "SELECT sku, quantity FROM reservation_lines WHERE order_id = ? ORDER BY sku", statement -> {
                    try {
                        statement.setString(1, orderId);
                        List<ReservationLine> lines = new ArrayList<>();
                        try (ResultSet rows = statement.executeQuery()) {
                            while (rows.next()) {
                                lines.add(new ReservationLine(Sku.of(rows.getString(1)), rows.getInt(2)));
                            }
                        }
                        return lines;
                    } catch (SQLException e) {
                        throw new DataAccessException("reading reservation lines of " + orderId + " failed", e);
                    }
                });
    }

    @Override
    public void add(Reservation reservation) {
        execute("INSERT INTO reservations (order_id, state, expires_at) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, reservation.orderId());
            statement.setString(2, reservation.state().name());
            statement.setTimestamp(3, Timestamp.from(reservation.expiresAt()));
            statement.executeUpdate();
        });
        execute("INSERT INTO reservation_lines (order_id, sku, quantity) VALUES (?, ?, ?)", statement -> {
            for (ReservationLine line : reservation.lines()) {
                statement.setString(1, reservation.orderId());
                statement.setString(2, line.sku().value());
                statement.setInt(3, line.quantity());
                statement.addBatch();
            }
            statement.executeBatch();
        });
    }

    @Override
    public void updateState(Reservation reservation) {
        execute("UPDATE reservations SET state = ?, updated_at = now() WHERE order_id = ?", statement -> {
            statement.setString(1, reservation.state().name());
            statement.setString(2, reservation.orderId());
            statement.executeUpdate();
        });
    }

    @Override
    public void recordEndedBeforeReserved(String orderId, Reservation.ReleaseReason reason) {
        execute(
                "INSERT INTO reservation_tombstones (order_id, reason) VALUES (?, ?) ON CONFLICT DO NOTHING",
                statement -> {
                    statement.setString(1, orderId);
                    statement.setString(2, reason.name());
                    statement.executeUpdate();
                });
    }

    @Override
    public boolean endedBeforeReserved(String orderId) {
        return jdbc.prepareStatement("SELECT 1 FROM reservation_tombstones WHERE order_id = ?", statement -> {
            try {
                statement.setString(1, orderId);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next();
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading the tombstone of " + orderId + " failed", e);
            }
        });
    }

    @Override
    public List<String> heldPast(Instant cutoff, int limit) {
        return jdbc.prepareStatement(
                "SELECT order_id FROM reservations WHERE state = 'HELD' AND expires_at < ? ORDER BY expires_at LIMIT ?",
                statement -> {
                    try {
                        statement.setTimestamp(1, Timestamp.from(cutoff));
                        statement.setInt(2, limit);
                        List<String> orders = new ArrayList<>();
                        try (ResultSet rows = statement.executeQuery()) {
                            while (rows.next()) {
                                orders.add(rows.getString(1));
                            }
                        }
                        return orders;
                    } catch (SQLException e) {
                        throw new DataAccessException("finding overdue reservations failed", e);
                    }
                });
    }

    private void execute(String sql, StatementWork work) {
        jdbc.prepareStatement(sql, statement -> {
            try {
                work.run(statement);
                return null;
            } catch (SQLException e) {
                throw new DataAccessException("reservation statement failed: " + sql, e);
            }
        });
    }

    @FunctionalInterface
    private interface StatementWork {
        void run(PreparedStatement statement) throws SQLException;
    }
}
