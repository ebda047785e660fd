package dev.storefront.catalog.adapter.out.persistence;

import dev.storefront.catalog.application.port.out.Categories;
import dev.storefront.catalog.domain.Category;
import jakarta.inject.Singleton;
import java.util.List;

/** Keeps categories in Postgres (schema catalog). */
@Singleton
class CategoryJdbcAdapter implements Categories {

    private final CategoryJdbcRepository repository;

    CategoryJdbcAdapter(CategoryJdbcRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Category> allByName() {
        return repository.listOrderByName().stream()
                .map(row -> new Category(row.slug(), row.name()))
                .toList();
    }

    @Override
    public boolean exists(String slug) {
        return repository.existsBySlug(slug);
    }

    @Override
    public boolean addIfAbsent(Category category) {
        return repository.insertIfAbsent(category.slug(), category.name()) == 1;
    }
}
