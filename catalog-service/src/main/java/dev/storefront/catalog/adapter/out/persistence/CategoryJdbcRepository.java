package dev.storefront.catalog.adapter.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CategoryJdbcRepository extends GenericRepository<CategoryRow, String> {

    List<CategoryRow> listOrderByName();

    boolean existsBySlug(String slug);

    /** Inserts unless the slug exists; one statement, so two concurrent creators cannot both win. */
    @Query("INSERT INTO categories (slug, name) VALUES (:slug, :name) ON CONFLICT (slug) DO NOTHING")
    int insertIfAbsent(String slug, String name);
}
