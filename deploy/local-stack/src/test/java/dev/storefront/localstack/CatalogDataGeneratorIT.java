package dev.storefront.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.infra.DatabaseProvisioner;
import dev.storefront.infra.Infrastructure;
import dev.storefront.infra.PostgresServer;
import dev.storefront.infra.ServiceDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generator against the catalog-service's real schema (its own Flyway migrations) on real Postgres: every row it
 * writes passes the table checks and foreign keys, stock matches products, and loading is idempotent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogDataGeneratorIT {

    /** A database of its own, recreated per run, so the catalog-service's tests and earlier runs cannot interfere. */
    private static final ServiceDatabase DATABASE = ServiceDatabase.CATALOG.inDatabase("storefront_generator_test");

    private static final String MIGRATIONS = "filesystem:../../catalog-service/src/main/resources/db/migration";
    private static final int PRODUCTS = 2_000;
    private static final long SEED = 7;

    private Infrastructure infra;
    private String url;

    @BeforeAll
    void migrateCatalogSchema() throws SQLException {
        infra = new Infrastructure(Infrastructure.Options.forTests());
        PostgresServer postgres = infra.postgres();
        DatabaseProvisioner.provision(postgres, DATABASE);
        try (Connection admin = postgres.adminConnection(DATABASE.database());
                Statement sql = admin.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + DATABASE.schema() + " CASCADE");
        }
        DatabaseProvisioner.provision(postgres, DATABASE);
        url = postgres.jdbcUrl(DATABASE.database(), DATABASE.schema());
        Flyway.configure()
                .dataSource(url, DATABASE.role(), DATABASE.password())
                .locations(MIGRATIONS)
                .schemas(DATABASE.schema())
                .defaultSchema(DATABASE.schema())
                .createSchemas(false)
                .table("flyway_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    @BeforeEach
    void emptyCatalog() throws SQLException {
        execute("TRUNCATE stock, products, categories CASCADE");
    }

    @AfterAll
    void stopInfrastructure() {
        infra.close();
    }

    @Test
    void loadsProductsWithStockThatPassEveryTableCheckAndSkipsWhatIsPresent() throws SQLException {
        CatalogDataGenerator.Result first = load(PRODUCTS);

        assertThat(first.productsInserted()).isEqualTo(PRODUCTS);
        assertThat(first.stockInserted()).isEqualTo(PRODUCTS);
        assertThat(first.productsSkipped()).isZero();
        assertThat(first.categoriesInserted())
                .isEqualTo(CatalogDataGenerator.categorySlugs().size());
        assertThat(CatalogDataGenerator.categorySlugs()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(count("SELECT count(*) FROM products")).isEqualTo(PRODUCTS);
        assertThat(count("SELECT count(*) FROM stock")).isEqualTo(PRODUCTS);
        assertThat(count("SELECT count(*) FROM products p JOIN stock s ON s.sku = p.sku"))
                .isEqualTo(PRODUCTS);
        assertThat(count("SELECT count(*) FROM categories"))
                .isEqualTo(CatalogDataGenerator.categorySlugs().size());

        // Addressable by index, in the format the API validates.
        assertThat(count("SELECT count(*) FROM products WHERE sku IN ('SKU-0000001', 'SKU-0002000')"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM products WHERE sku !~ '^[A-Z0-9][A-Z0-9-]{2,31}$'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM products WHERE currency <> 'EUR'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM products p LEFT JOIN categories c ON c.slug = p.category"
                        + " WHERE c.slug IS NULL OR c.slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$'"))
                .isZero();
        // Realistic spreads: prices, stock, activity, names.
        assertThat(count("SELECT count(*) FROM products WHERE price_minor NOT BETWEEN 99 AND 99999"))
                .isZero();
        assertThat(count("SELECT count(*) FROM products WHERE price_minor < 5000"))
                .isGreaterThan(PRODUCTS / 2);
        assertThat(count("SELECT count(*) FROM stock WHERE on_hand NOT BETWEEN 0 AND 500 OR reserved <> 0"))
                .isZero();
        assertThat(count("SELECT count(*) FROM stock WHERE on_hand = 0")).isBetween(1L, PRODUCTS / 5L);
        assertThat(count("SELECT count(*) FROM products WHERE active")).isBetween(PRODUCTS * 85L / 100, PRODUCTS - 1L);
        assertThat(count("SELECT count(DISTINCT name) FROM products")).isGreaterThan(PRODUCTS / 2);
        assertThat(count("SELECT count(DISTINCT category) FROM products"))
                .isEqualTo(CatalogDataGenerator.categorySlugs().size());
        assertThat(count("SELECT count(*) FROM products WHERE name_search @@ to_tsquery('simple', 'oak')"))
                .isPositive();
        assertThat(text("SELECT name FROM products WHERE sku = 'SKU-0000042'"))
                .isEqualTo(CatalogDataGenerator.product(SEED, 42).name())
                .matches("[A-Z][a-z]+ [A-Z][A-Za-z -]+");

        CatalogDataGenerator.Result second = load(PRODUCTS);

        assertThat(second.productsInserted()).isZero();
        assertThat(second.stockInserted()).isZero();
        assertThat(second.categoriesInserted()).isZero();
        assertThat(second.productsSkipped()).isEqualTo(PRODUCTS);
        assertThat(count("SELECT count(*) FROM products")).isEqualTo(PRODUCTS);
        assertThat(count("SELECT count(*) FROM stock")).isEqualTo(PRODUCTS);
    }

    @Test
    void fillsGapsAndGrowsWithoutTouchingExistingProducts() throws SQLException {
        load(PRODUCTS);
        execute("DELETE FROM stock WHERE sku BETWEEN 'SKU-0000100' AND 'SKU-0000149'");
        execute("DELETE FROM products WHERE sku BETWEEN 'SKU-0000100' AND 'SKU-0000149'");
        execute("UPDATE products SET name = 'Renamed by an admin', version = version + 1 WHERE sku = 'SKU-0000001'");

        CatalogDataGenerator.Result refilled = load(PRODUCTS + 500);

        assertThat(refilled.productsInserted()).isEqualTo(50 + 500);
        assertThat(refilled.stockInserted()).isEqualTo(50 + 500);
        assertThat(refilled.productsSkipped()).isEqualTo(PRODUCTS - 50);
        assertThat(count("SELECT count(*) FROM products p JOIN stock s ON s.sku = p.sku"))
                .isEqualTo(PRODUCTS + 500);
        assertThat(text("SELECT name FROM products WHERE sku = 'SKU-0000001'")).isEqualTo("Renamed by an admin");
        assertThat(text("SELECT name FROM products WHERE sku = 'SKU-0000120'"))
                .isEqualTo(CatalogDataGenerator.product(SEED, 120).name());
    }

    private CatalogDataGenerator.Result load(int products) throws SQLException {
        return CatalogDataGenerator.load(url, DATABASE.role(), DATABASE.password(), products, SEED);
    }

    private long count(String query) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, DATABASE.role(), DATABASE.password());
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String text(String query) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, DATABASE.role(), DATABASE.password());
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void execute(String statement) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, DATABASE.role(), DATABASE.password());
                Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }
}
