package dev.storefront.catalog.adapter.out.persistence;

import dev.storefront.catalog.application.port.out.Products;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Keeps products in Postgres (schema catalog). */
@Singleton
class ProductJdbcAdapter implements Products {

    private static final String COLUMNS = "sku, name, description, category, price_minor, currency, active, version";

    private final ProductJdbcRepository repository;
    private final JdbcOperations jdbc;

    ProductJdbcAdapter(ProductJdbcRepository repository, JdbcOperations jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @Override
    public java.util.Optional<Product> find(Sku sku) {
        return repository.findBySku(sku.value()).map(ProductJdbcAdapter::toDomain);
    }

    @Override
    public boolean addIfAbsent(Product product) {
        ProductDetails d = product.details();
        return repository.insertIfAbsent(
                        product.sku().value(),
                        d.name(),
                        d.description(),
                        d.category(),
                        product.price().amountMinor(),
                        product.price().currency(),
                        d.active(),
                        product.version())
                == 1;
    }

    @Override
    public boolean replace(Product product) {
        ProductDetails d = product.details();
        return repository.replace(
                        product.sku().value(),
                        d.name(),
                        d.description(),
                        d.category(),
                        product.price().amountMinor(),
                        product.price().currency(),
                        d.active(),
                        product.version(),
                        product.version() - 1)
                == 1;
    }

    @Override
    public Set<Sku> inactiveAmong(Set<Sku> skus) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        return repository.findBySkuInListAndActive(skus.stream().map(Sku::value).toList(), false).stream()
                .map(row -> Sku.of(row.sku()))
                .collect(Collectors.toSet());
    }

    /**
     * Keyset pagination in sku order: "WHERE sku > last ORDER BY sku LIMIT n" stays as fast on page 1,000 as on page
     * 1, unlike OFFSET. The SQL is assembled from fixed fragments; every value is a bind parameter.
     */
    @Override
    public List<Product> page(ProductQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM products WHERE true");
        List<Object> params = new ArrayList<>();
        query.category().ifPresent(category -> {
            sql.append(" AND category = ?");
            params.add(category);
        });
        if (!query.words().isEmpty()) {
            sql.append(" AND name_search @@ to_tsquery('simple', ?)");
            params.add(query.words().stream().map(w -> w + ":*").collect(Collectors.joining(" & ")));
        }
        query.afterSku().ifPresent(after -> {
            sql.append(" AND sku > ?");
            params.add(after);
        });
        sql.append(" ORDER BY sku LIMIT ?");
        params.add(query.limit());
        return jdbc.prepareStatement(sql.toString(), statement -> {
            try {
                bind(statement, params);
                List<Product> page = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        page.add(toDomain(new ProductRow(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getLong(5),
                                rows.getString(6),
                                rows.getBoolean(7),
                                rows.getLong(8))));
                    }
                }
                return page;
            } catch (SQLException e) {
                throw new DataAccessException("listing products failed", e);
            }
        });
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    static Product toDomain(ProductRow row) {
        return new Product(
                Sku.of(row.sku()),
                new ProductDetails(row.name(), row.description(), row.category(), row.active()),
                Money.of(row.priceMinor(), row.currency()),
                row.version());
    }
}
