package dev.storefront.notification.adapter.out.persistence;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Notification;
import dev.storefront.notification.domain.NotificationKind;
import dev.storefront.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Notifications in Postgres (schema notification). Each append first takes a transaction-scoped advisory lock on its
 * customer, so one customer's appends run one after another and each sees the sequence number the previous one
 * committed: sequence order is commit order, which lets a stream resume after its last sequence number without gaps.
 * Every method joins the caller's transaction or runs in its own.
 */
@Singleton
@Transactional
class NotificationJdbcAdapter implements Notifications {

    static final String COLUMNS =
            "n.id, n.customer_id, n.seq, n.kind, n.order_id, n.subject, n.message, n.created_at," + " n.read_at";

    private final Sql sql;

    NotificationJdbcAdapter(JdbcOperations jdbc) {
        this.sql = new Sql(jdbc);
    }

    @Override
    public Optional<Notification> append(NewNotification n) {
        sql.query(
                "SELECT pg_advisory_xact_lock(hashtextextended('notification.customer:' || ?, 0))",
                s -> s.setString(1, n.customer().value()),
                row -> null);
        List<Long> inserted = sql.query(
                "INSERT INTO notifications (id, customer_id, seq, kind, order_id, subject, message,"
                        + " source_event_id, created_at) VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM"
                        + " notifications WHERE customer_id = ?), ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (source_event_id) DO NOTHING RETURNING seq",
                s -> {
                    s.setObject(1, n.id());
                    s.setString(2, n.customer().value());
                    s.setString(3, n.customer().value());
                    s.setString(4, n.kind().name());
                    s.setString(5, n.orderId());
                    s.setString(6, n.subject());
                    s.setString(7, n.body());
                    s.setObject(8, n.sourceEventId());
                    s.setTimestamp(9, Timestamp.from(n.createdAt()));
                },
                row -> row.getLong(1));
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Notification(
                n.id(),
                n.customer(),
                inserted.get(0),
                n.kind(),
                n.orderId(),
                n.subject(),
                n.body(),
                n.createdAt(),
                null));
    }

    @Override
    public List<Notification> page(CustomerId customer, Optional<Boolean> read, OptionalLong before, int limit) {
        String readFilter = read.map(r -> r ? " AND n.read_at IS NOT NULL" : " AND n.read_at IS NULL")
                .orElse("");
        String beforeFilter = before.isPresent() ? " AND n.seq < ?" : "";
        return sql.query(
                "SELECT " + COLUMNS + " FROM notifications n WHERE n.customer_id = ?" + beforeFilter + readFilter
                        + " ORDER BY n.seq DESC LIMIT ?",
                s -> {
                    int i = 1;
                    s.setString(i++, customer.value());
                    if (before.isPresent()) {
                        s.setLong(i++, before.getAsLong());
                    }
                    s.setInt(i, limit);
                },
                NotificationJdbcAdapter::notification);
    }

    @Override
    public List<Notification> after(CustomerId customer, long sequence, int limit) {
        return sql.query(
                "SELECT " + COLUMNS + " FROM notifications n WHERE n.customer_id = ? AND n.seq > ? ORDER BY n.seq"
                        + " LIMIT ?",
                s -> {
                    s.setString(1, customer.value());
                    s.setLong(2, sequence);
                    s.setInt(3, limit);
                },
                NotificationJdbcAdapter::notification);
    }

    @Override
    public OptionalLong sequenceOf(CustomerId customer, UUID id) {
        List<Long> found = sql.query(
                "SELECT seq FROM notifications WHERE customer_id = ? AND id = ?",
                s -> {
                    s.setString(1, customer.value());
                    s.setObject(2, id);
                },
                row -> row.getLong(1));
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    @Override
    public long latestSequence(CustomerId customer) {
        return sql.query(
                        "SELECT coalesce(max(seq), 0) FROM notifications WHERE customer_id = ?",
                        s -> s.setString(1, customer.value()),
                        row -> row.getLong(1))
                .get(0);
    }

    @Override
    public java.util.Map<CustomerId, Long> latestSequences(java.util.Collection<CustomerId> customers) {
        java.util.Map<CustomerId, Long> latest = new java.util.HashMap<>();
        if (customers.isEmpty()) {
            return latest;
        }
        String[] ids = customers.stream().map(CustomerId::value).toArray(String[]::new);
        sql.query(
                "SELECT customer_id, max(seq) FROM notifications WHERE customer_id = ANY(?) GROUP BY customer_id",
                s -> s.setArray(1, s.getConnection().createArrayOf("varchar", ids)),
                row -> latest.put(CustomerId.of(row.getString(1)), row.getLong(2)));
        return latest;
    }

    @Override
    public Optional<Notification> find(CustomerId customer, UUID id) {
        return sql
                .query(
                        "SELECT " + COLUMNS + " FROM notifications n WHERE n.customer_id = ? AND n.id = ?",
                        s -> {
                            s.setString(1, customer.value());
                            s.setObject(2, id);
                        },
                        NotificationJdbcAdapter::notification)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Notification> markRead(CustomerId customer, UUID id, Instant at) {
        return sql
                .query(
                        "UPDATE notifications n SET read_at = coalesce(n.read_at, ?) WHERE n.customer_id = ? AND"
                                + " n.id = ? RETURNING " + COLUMNS,
                        s -> {
                            s.setTimestamp(1, Timestamp.from(at));
                            s.setString(2, customer.value());
                            s.setObject(3, id);
                        },
                        NotificationJdbcAdapter::notification)
                .stream()
                .findFirst();
    }

    static Notification notification(ResultSet row) throws SQLException {
        return notification(row, 0);
    }

    /** The notification whose {@link #COLUMNS} start after column {@code offset}. */
    static Notification notification(ResultSet row, int offset) throws SQLException {
        Timestamp read = row.getTimestamp(offset + 9);
        return new Notification(
                row.getObject(offset + 1, UUID.class),
                CustomerId.of(row.getString(offset + 2)),
                row.getLong(offset + 3),
                NotificationKind.valueOf(row.getString(offset + 4)),
                row.getString(offset + 5),
                row.getString(offset + 6),
                row.getString(offset + 7),
                row.getTimestamp(offset + 8).toInstant(),
                read == null ? null : read.toInstant());
    }
}
