package dev.storefront.catalog.application;

import dev.storefront.catalog.application.port.in.CreateCategoryCommand;
import dev.storefront.catalog.application.port.in.ManageCategoriesUseCase;
import dev.storefront.catalog.application.port.out.Categories;
import dev.storefront.catalog.domain.Category;
import dev.storefront.kernel.DomainException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;

/** Category use cases; the transaction boundary for them. */
@Singleton
public class CategoryService implements ManageCategoriesUseCase {

    private final Categories categories;

    public CategoryService(Categories categories) {
        this.categories = categories;
    }

    @Override
    @Transactional
    public List<Category> listCategories() {
        return categories.allByName();
    }

    @Override
    @Transactional
    public Category createCategory(CreateCategoryCommand command) {
        Category category = command.category();
        if (!categories.addIfAbsent(category)) {
            throw DomainException.conflict(
                    "category-already-exists", "a category with slug '" + category.slug() + "' already exists");
        }
        return category;
    }
}
