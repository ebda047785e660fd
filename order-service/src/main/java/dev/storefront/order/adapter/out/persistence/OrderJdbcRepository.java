package dev.storefront.order.adapter.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderJdbcRepository extends GenericRepository<OrderRow, UUID> {

    /** Served by orders_customer_placed_idx. */
    @Query("SELECT * FROM orders WHERE customer_id = :customerId ORDER BY placed_at DESC, id DESC LIMIT :limit")
    List<OrderRow> newestOf(String customerId, int limit);
}
