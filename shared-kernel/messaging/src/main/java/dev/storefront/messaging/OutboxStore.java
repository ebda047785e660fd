package dev.storefront.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The relay's and operators' SQL against one schema's outbox, on connections the caller manages. */
final class OutboxStore {

    /** Rows deleted per purge statement; the relay repeats it until less is left. */
    static final int PURGE_BATCH = 10_000;

    private final String claimSql;
    private final String markSentSql;
    private final String markFailedSql;
    private final String releaseSql;
    private final String purgeSql;
    private final String statsSql;
    private final String parkedSql;
    private final String unparkSql;

    OutboxStore(String schema) {
        String outbox = schema + ".outbox";
        // Oldest due rows first, leased to this relay for a while; the lease is committed at once, so no row lock is
        // held while the relay waits on the broker. SKIP LOCKED lets several relays claim at once without waiting on
        // each other, and a leased row is nobody else's until its lease has passed. Only the head of each key (its
        // oldest row still unsent and not parked) can be claimed, whoever holds it and whenever it is due; so a batch
        // carries at most one row per key and a later event of a key is never sent before an earlier one, even across
        // relay instances and retries. The heads come from one pass over the unsent-key index (GROUP BY): a NOT EXISTS
        // per candidate row, as this was first written, costs backlog x backlog and took 0.6 s a claim at 1,500 rows.
        this.claimSql = "UPDATE " + outbox + " SET claimed_until = now() + ? * interval '1 millisecond'"
                + " WHERE id IN (SELECT o.id FROM " + outbox + " o"
                + " WHERE o.id IN (SELECT min(h.id) FROM " + outbox
                + " h WHERE h.sent_at IS NULL AND h.parked_at IS NULL"
                + " GROUP BY h.topic, h.message_key)"
                + " AND o.next_attempt_at <= now() AND (o.claimed_until IS NULL OR o.claimed_until < now())"
                + " ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED)"
                + " RETURNING id, event_id, event_type, topic, message_key, envelope, traceparent, attempts";
        this.markSentSql = "UPDATE " + outbox
                + " SET sent_at = now(), attempts = attempts + 1, last_error = NULL, claimed_until = NULL"
                + " WHERE id = ANY(?)";
        this.markFailedSql = "UPDATE " + outbox + " SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                + " claimed_until = NULL, parked_at = CASE WHEN ? THEN now() END WHERE id = ?";
        this.releaseSql = "UPDATE " + outbox + " SET claimed_until = NULL WHERE id = ANY(?) AND sent_at IS NULL";
        this.purgeSql = "DELETE FROM " + outbox + " WHERE id IN (SELECT id FROM " + outbox + " WHERE sent_at < ? LIMIT "
                + PURGE_BATCH + " FOR UPDATE SKIP LOCKED)";
        this.statsSql = "SELECT count(*) FILTER (WHERE parked_at IS NULL), min(created_at) FILTER (WHERE parked_at IS"
                + " NULL), count(*) FILTER (WHERE parked_at IS NOT NULL) FROM " + outbox + " WHERE sent_at IS NULL";
        this.parkedSql = "SELECT id, event_id, event_type, topic, message_key, attempts, last_error, created_at,"
                + " parked_at FROM " + outbox + " WHERE parked_at IS NOT NULL AND sent_at IS NULL ORDER BY id LIMIT ?";
        this.unparkSql = "UPDATE " + outbox + " SET parked_at = NULL, attempts = 0, next_attempt_at = now(),"
                + " claimed_until = NULL WHERE id = ? AND parked_at IS NOT NULL AND sent_at IS NULL";
    }

    /** Leases up to {@code limit} due rows for {@code lease}, oldest first. */
    List<OutboxRecord> claim(Connection connection, int limit, Duration lease) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(claimSql)) {
            claim.setLong(1, lease.toMillis());
            claim.setInt(2, limit);
            List<OutboxRecord> records = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    records.add(new OutboxRecord(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6).getBytes(StandardCharsets.UTF_8),
                            rows.getString(7),
                            rows.getInt(8)));
                }
            }
            records.sort(Comparator.comparingLong(OutboxRecord::id));
            return records;
        }
    }

    void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(markSentSql)) {
            mark.setArray(1, bigints(connection, ids));
            mark.executeUpdate();
        }
    }

    /** Records a failed send: the row is due again at {@code nextAttempt}, or parked. */
    void markFailed(Connection connection, long id, Instant nextAttempt, String error, boolean park)
            throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(markFailedSql)) {
            mark.setTimestamp(1, Timestamp.from(nextAttempt));
            mark.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
            mark.setBoolean(3, park);
            mark.setLong(4, id);
            mark.executeUpdate();
        }
    }

    /** Gives up the lease on rows this relay could not finish, so any relay may claim them at once. */
    void release(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement release = connection.prepareStatement(releaseSql)) {
            release.setArray(1, bigints(connection, ids));
            release.executeUpdate();
        }
    }

    int purgeSentBefore(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement(purgeSql)) {
            purge.setTimestamp(1, Timestamp.from(cutoff));
            return purge.executeUpdate();
        }
    }

    /** Unsent rows (not counting parked ones), the age of the oldest, and the parked rows. */
    Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement stats = connection.prepareStatement(statsSql);
                ResultSet row = stats.executeQuery()) {
            row.next();
            Timestamp oldest = row.getTimestamp(2);
            return new Backlog(
                    row.getLong(1),
                    Optional.ofNullable(oldest).map(t -> Duration.between(t.toInstant(), Instant.now())),
                    row.getLong(3));
        }
    }

    List<ParkedRow> parked(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(parkedSql)) {
            select.setInt(1, limit);
            List<ParkedRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new ParkedRow(
                            row.getLong(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getInt(6),
                            row.getString(7),
                            row.getTimestamp(8).toInstant(),
                            row.getTimestamp(9).toInstant()));
                }
            }
            return rows;
        }
    }

    /** Puts a parked row back in line, with its attempts reset; false when no such parked row exists. */
    boolean unpark(Connection connection, long id) throws SQLException {
        try (PreparedStatement unpark = connection.prepareStatement(unparkSql)) {
            unpark.setLong(1, id);
            return unpark.executeUpdate() == 1;
        }
    }

    private static Array bigints(Connection connection, List<Long> ids) throws SQLException {
        return connection.createArrayOf("bigint", ids.toArray());
    }

    record Backlog(long size, Optional<Duration> oldestAge, long parked) {}

    /** A row the relay gave up on, as operators see it. */
    record ParkedRow(
            long id,
            String eventId,
            String eventType,
            String topic,
            String key,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant parkedAt) {}
}
