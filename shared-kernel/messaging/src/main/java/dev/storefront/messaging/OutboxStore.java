package dev.storefront.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The relay's SQL against one schema's outbox, on connections the relay manages. */
final class OutboxStore {

    /** Rows deleted per purge statement; the relay repeats it until less is left. */
    static final int PURGE_BATCH = 10_000;

    private final String claimSql;
    private final String markSentSql;
    private final String markFailedSql;
    private final String purgeSql;
    private final String statsSql;

    OutboxStore(String schema) {
        String outbox = schema + ".outbox";
        // Oldest due rows first. SKIP LOCKED lets several relays share the work without waiting on each other.
        // NOT EXISTS keeps per-key order: a row is claimed only when no earlier row of its key is still unsent,
        // whoever holds it and whenever it is due; so a batch carries at most one row per key and a later event of
        // a key is never sent before an earlier one, even across relay instances and retries.
        this.claimSql = "SELECT o.id, o.event_id, o.event_type, o.topic, o.message_key, o.envelope,"
                + " o.traceparent, o.attempts FROM " + outbox + " o"
                + " WHERE o.sent_at IS NULL AND o.next_attempt_at <= now()"
                + " AND NOT EXISTS (SELECT 1 FROM " + outbox + " e WHERE e.sent_at IS NULL"
                + " AND e.topic = o.topic AND e.message_key = o.message_key AND e.id < o.id)"
                + " ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED";
        this.markSentSql = "UPDATE " + outbox + " SET sent_at = now(), attempts = attempts + 1, last_error = NULL"
                + " WHERE id = ANY(?)";
        this.markFailedSql = "UPDATE " + outbox + " SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                + " WHERE id = ?";
        this.purgeSql = "DELETE FROM " + outbox + " WHERE id IN (SELECT id FROM " + outbox + " WHERE sent_at < ? LIMIT "
                + PURGE_BATCH + " FOR UPDATE SKIP LOCKED)";
        this.statsSql = "SELECT count(*), min(created_at) FROM " + outbox + " WHERE sent_at IS NULL";
    }

    List<OutboxRecord> claim(Connection connection, int limit) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(claimSql)) {
            claim.setInt(1, limit);
            List<OutboxRecord> records = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    records.add(new OutboxRecord(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            rows.getString(7),
                            rows.getInt(8)));
                }
            }
            return records;
        }
    }

    void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(markSentSql)) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            mark.setArray(1, array);
            mark.executeUpdate();
        }
    }

    void markFailed(Connection connection, long id, Instant nextAttempt, String error) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(markFailedSql)) {
            mark.setTimestamp(1, Timestamp.from(nextAttempt));
            mark.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
            mark.setLong(3, id);
            mark.executeUpdate();
        }
    }

    int purgeSentBefore(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement(purgeSql)) {
            purge.setTimestamp(1, Timestamp.from(cutoff));
            return purge.executeUpdate();
        }
    }

    /** Unsent rows and the age of the oldest. */
    Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement stats = connection.prepareStatement(statsSql);
                ResultSet row = stats.executeQuery()) {
            row.next();
            Timestamp oldest = row.getTimestamp(2);
            return new Backlog(
                    row.getLong(1),
                    Optional.ofNullable(oldest).map(t -> Duration.between(t.toInstant(), Instant.now())));
        }
    }

    record Backlog(long size, Optional<Duration> oldestAge) {}
}
