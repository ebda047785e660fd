package dev.storefront.notification.adapter.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface NotificationJdbcRepository extends GenericRepository<NotificationRow, UUID> {

    /** Served by notifications_customer_created_idx. */
    @Query("SELECT * FROM notifications WHERE customer_id = :customerId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<NotificationRow> newestOf(String customerId, int limit);
}
