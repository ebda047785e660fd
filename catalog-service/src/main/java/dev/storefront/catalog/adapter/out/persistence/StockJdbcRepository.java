package dev.storefront.catalog.adapter.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StockJdbcRepository extends GenericRepository<StockRow, String> {

    Optional<StockRow> findBySku(String sku);

    /** Row locks in sku order: two transactions locking overlapping products always queue, never deadlock. */
    @Query("SELECT sku, on_hand, reserved FROM stock WHERE sku IN (:skus) ORDER BY sku FOR UPDATE")
    List<StockRow> lockAll(Collection<String> skus);

    @Query("UPDATE stock SET on_hand = :onHand, reserved = :reserved WHERE sku = :sku")
    int updateLevels(String sku, int onHand, int reserved);

    @Query("INSERT INTO stock (sku, on_hand, reserved) VALUES (:sku, :onHand, :reserved)")
    int insertRow(String sku, int onHand, int reserved);
}
