package dev.storefront.catalog.adapter.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductJdbcRepository extends GenericRepository<ProductRow, String> {

    Optional<ProductRow> findBySku(String sku);

    List<ProductRow> findBySkuInListAndActive(Collection<String> sku, boolean active);

    @Query("INSERT INTO products (sku, name, description, category, price_minor, currency, active, version)"
            + " VALUES (:sku, :name, :description, :category, :priceMinor, :currency, :active, :version)"
            + " ON CONFLICT (sku) DO NOTHING")
    int insertIfAbsent(
            String sku,
            String name,
            String description,
            String category,
            long priceMinor,
            String currency,
            boolean active,
            long version);

    /** Compare-and-set on the version: 0 rows when another writer got there first. */
    @Query("UPDATE products SET name = :name, description = :description, category = :category,"
            + " price_minor = :priceMinor, currency = :currency, active = :active, version = :version,"
            + " updated_at = now() WHERE sku = :sku AND version = :previousVersion")
    int replace(
            String sku,
            String name,
            String description,
            String category,
            long priceMinor,
            String currency,
            boolean active,
            long version,
            long previousVersion);
}
