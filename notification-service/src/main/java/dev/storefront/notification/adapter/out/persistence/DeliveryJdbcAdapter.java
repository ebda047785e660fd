package dev.storefront.notification.adapter.out.persistence;

import dev.storefront.notification.application.port.out.Deliveries;
import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.DeliveryState;
import dev.storefront.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Deliveries in Postgres; every statement is one short transaction, never held across a send. */
@Singleton
@Transactional
class DeliveryJdbcAdapter implements Deliveries {

    private static final String COLUMNS =
            "d.id, d.notification_id, d.channel, d.state, d.attempts, d.last_error, d.next_attempt_at, d.updated_at";

    private final Sql sql;

    DeliveryJdbcAdapter(JdbcOperations jdbc) {
        this.sql = new Sql(jdbc);
    }

    @Override
    public void schedule(UUID notificationId, List<String> channels, Instant at) {
        if (channels.isEmpty()) {
            return;
        }
        sql.batch(
                "INSERT INTO deliveries (id, notification_id, channel, state, attempts, next_attempt_at, created_at,"
                        + " updated_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?) ON CONFLICT (notification_id, channel)"
                        + " DO NOTHING",
                s -> {
                    for (String channel : channels) {
                        Timestamp when = Timestamp.from(at);
                        s.setObject(1, UUID.randomUUID());
                        s.setObject(2, notificationId);
                        s.setString(3, channel);
                        s.setTimestamp(4, when);
                        s.setTimestamp(5, when);
                        s.setTimestamp(6, when);
                        s.addBatch();
                    }
                });
    }

    @Override
    public List<Claimed> claimDue(Instant now, Duration lease, int limit) {
        return sql.query(
                "UPDATE deliveries d SET next_attempt_at = ?, updated_at = ? FROM (SELECT id FROM deliveries WHERE"
                        + " state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE"
                        + " SKIP LOCKED) due, notifications n WHERE d.id = due.id AND n.id = d.notification_id"
                        + " RETURNING " + COLUMNS + ", " + NotificationJdbcAdapter.COLUMNS,
                s -> {
                    s.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    s.setTimestamp(2, Timestamp.from(now));
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setInt(4, limit);
                },
                row -> new Claimed(delivery(row), NotificationJdbcAdapter.notification(row, 8)));
    }

    @Override
    public void sent(UUID deliveryId, int attempts, Instant at) {
        sql.update(
                "UPDATE deliveries SET state = 'SENT', attempts = ?, sent_at = ?, next_attempt_at = NULL,"
                        + " updated_at = ? WHERE id = ?",
                s -> {
                    s.setInt(1, attempts);
                    s.setTimestamp(2, Timestamp.from(at));
                    s.setTimestamp(3, Timestamp.from(at));
                    s.setObject(4, deliveryId);
                });
    }

    @Override
    public void failed(UUID deliveryId, int attempts, String error, Optional<Instant> nextAttemptAt, Instant at) {
        sql.update(
                "UPDATE deliveries SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ?"
                        + " WHERE id = ?",
                s -> {
                    s.setString(1, nextAttemptAt.isPresent() ? "PENDING" : "FAILED");
                    s.setInt(2, attempts);
                    s.setString(3, error);
                    s.setTimestamp(4, nextAttemptAt.map(Timestamp::from).orElse(null));
                    s.setTimestamp(5, Timestamp.from(at));
                    s.setObject(6, deliveryId);
                });
    }

    @Override
    public List<Delivery> inState(DeliveryState state, int limit) {
        return sql.query(
                "SELECT " + COLUMNS + " FROM deliveries d WHERE d.state = ? ORDER BY d.updated_at DESC LIMIT ?",
                s -> {
                    s.setString(1, state.name());
                    s.setInt(2, limit);
                },
                DeliveryJdbcAdapter::delivery);
    }

    @Override
    public List<Delivery> ofNotification(UUID notificationId) {
        return sql.query(
                "SELECT " + COLUMNS + " FROM deliveries d WHERE d.notification_id = ? ORDER BY d.channel",
                s -> s.setObject(1, notificationId),
                DeliveryJdbcAdapter::delivery);
    }

    @Override
    public Optional<Delivery> find(UUID deliveryId) {
        return sql
                .query(
                        "SELECT " + COLUMNS + " FROM deliveries d WHERE d.id = ?",
                        s -> s.setObject(1, deliveryId),
                        DeliveryJdbcAdapter::delivery)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Delivery> revive(UUID deliveryId, Instant now) {
        return sql
                .query(
                        "UPDATE deliveries d SET state = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?"
                                + " WHERE d.id = ? AND d.state = 'FAILED' RETURNING " + COLUMNS,
                        s -> {
                            s.setTimestamp(1, Timestamp.from(now));
                            s.setTimestamp(2, Timestamp.from(now));
                            s.setObject(3, deliveryId);
                        },
                        DeliveryJdbcAdapter::delivery)
                .stream()
                .findFirst();
    }

    @Override
    public Map<DeliveryState, Long> counts() {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState state : DeliveryState.values()) {
            counts.put(state, 0L);
        }
        sql.query("SELECT state, count(*) FROM deliveries GROUP BY state", s -> {}, row -> {
            counts.put(DeliveryState.valueOf(row.getString(1)), row.getLong(2));
            return null;
        });
        return counts;
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        Timestamp next = row.getTimestamp(7);
        return new Delivery(
                row.getObject(1, UUID.class),
                row.getObject(2, UUID.class),
                row.getString(3),
                DeliveryState.valueOf(row.getString(4)),
                row.getInt(5),
                row.getString(6),
                next == null ? null : next.toInstant(),
                row.getTimestamp(8).toInstant());
    }
}
