package dev.storefront.catalog;

import dev.storefront.infra.ServiceDatabase;
import dev.storefront.testing.ServiceTestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** Test data builders and direct database reads for catalog integration tests (as the catalog's own role). */
public final class CatalogTestData {

    private CatalogTestData() {}

    public static String newSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 12).toUpperCase(Locale.ROOT);
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                ServiceTestInfrastructure.jdbcUrl(ServiceDatabase.CATALOG),
                ServiceDatabase.CATALOG.role(),
                ServiceDatabase.CATALOG.password());
    }

    public static void category(String slug) throws SQLException {
        try (Connection db = connect();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO categories (slug, name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, slug);
            insert.setString(2, slug);
            insert.executeUpdate();
        }
    }

    /** A product with stock, written straight to the tables (no events): for tests about reads and reservations. */
    public static void product(String sku, String name, String category, long priceMinor, int onHand)
            throws SQLException {
        category(category);
        try (Connection db = connect();
                PreparedStatement product = db.prepareStatement("INSERT INTO products"
                        + " (sku, name, description, category, price_minor, currency) VALUES (?, ?, '', ?, ?, 'EUR')");
                PreparedStatement stock = db.prepareStatement("INSERT INTO stock (sku, on_hand) VALUES (?, ?)")) {
            product.setString(1, sku);
            product.setString(2, name);
            product.setString(3, category);
            product.setLong(4, priceMinor);
            product.executeUpdate();
            stock.setString(1, sku);
            stock.setInt(2, onHand);
            stock.executeUpdate();
        }
    }

    public static long count(String sql, Object... params) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
