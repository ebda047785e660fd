package dev.storefront.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The consumers' SQL against one schema's inbox, on the connection of the caller's transaction. */
final class InboxStore {

    private final String insertSql;
    private final String purgeSql;

    InboxStore(String schema) {
        String inbox = schema + ".inbox";
        this.insertSql = "INSERT INTO " + inbox
                + " (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        this.purgeSql = "DELETE FROM " + inbox + " WHERE consumer_group = ? AND processed_at < ?";
    }

    /** Records that {@code group} applies {@code eventId}; false when it was recorded before (a duplicate). */
    boolean record(Connection connection, String group, String eventId, String eventType, ConsumerRecord<?, ?> record)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            insert.setString(1, group);
            insert.setObject(2, UUID.fromString(eventId));
            insert.setString(3, eventType);
            insert.setString(4, record.topic());
            insert.setInt(5, record.partition());
            insert.setLong(6, record.offset());
            return insert.executeUpdate() == 1;
        }
    }

    /** Forgets the ids {@code group} applied before {@code cutoff}; returns how many. */
    int purge(Connection connection, String group, Instant cutoff) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement(purgeSql)) {
            purge.setString(1, group);
            purge.setTimestamp(2, Timestamp.from(cutoff));
            return purge.executeUpdate();
        }
    }
}
