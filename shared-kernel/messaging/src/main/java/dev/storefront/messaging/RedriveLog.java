package dev.storefront.messaging;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The record of redriven dead letters, in the service's schema ({@code dead_letter_redrives}). */
@Singleton
class RedriveLog {

    private final DataSource dataSource;
    private final String insertSql;
    private final String selectSql;

    RedriveLog(DataSource dataSource, DataSourceResolver resolver, MessagingSettings settings) {
        this.dataSource = resolver.resolve(dataSource);
        String table = settings.schema() + ".dead_letter_redrives";
        this.insertSql = "INSERT INTO " + table
                + " (dlq_topic, dlq_partition, dlq_offset, event_id, redriven_by) VALUES (?, ?, ?, ?, ?)";
        this.selectSql = "SELECT dlq_partition, dlq_offset, max(redriven_at) FROM " + table
                + " WHERE dlq_topic = ? GROUP BY dlq_partition, dlq_offset";
    }

    /** A letter's place on its dead-letter topic. */
    record Coordinates(int partition, long offset) {}

    void redriven(DeadLetterStore.DeadLetter letter, String by) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(insertSql)) {
            connection.setAutoCommit(true);
            insert.setString(1, letter.topic());
            insert.setInt(2, letter.partition());
            insert.setLong(3, letter.offset());
            insert.setString(4, letter.header(EventProducer.HEADER_EVENT_ID));
            insert.setString(5, by);
            insert.executeUpdate();
        }
    }

    /** When each letter of {@code dlqTopic} was last redriven. */
    Map<Coordinates, Instant> redrivenOf(String dlqTopic) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(selectSql)) {
            connection.setAutoCommit(true);
            select.setString(1, dlqTopic);
            Map<Coordinates, Instant> redriven = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    redriven.put(
                            new Coordinates(rows.getInt(1), rows.getLong(2)),
                            rows.getTimestamp(3).toInstant());
                }
            }
            return redriven;
        }
    }
}
