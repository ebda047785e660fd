package dev.storefront.notification.support;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ServiceTestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads of the service's own tables, as its role sees them, for what the API does not show. */
public final class NotificationDb {

    private NotificationDb() {}

    /** The single number {@code sql} selects, with {@code args} bound in order. */
    public static long count(String sql, Object... args) {
        try (Connection db = DriverManager.getConnection(
                        ServiceTestInfrastructure.jdbcUrl(ServiceDatabase.NOTIFICATION),
                        ServiceDatabase.NOTIFICATION.role(),
                        ServiceDatabase.NOTIFICATION.password());
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
