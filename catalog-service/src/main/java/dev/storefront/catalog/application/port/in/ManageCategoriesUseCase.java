package dev.storefront.catalog.application.port.in;

import dev.storefront.catalog.domain.Category;
import java.util.List;

/** What the world may ask about categories: browse them (anyone) and open new ones (administrators). */
public interface ManageCategoriesUseCase {

    /** Every category, ordered by name. */
    List<Category> listCategories();

    /** Opens a category; refuses with {@code category-already-exists} when the slug is taken. */
    Category createCategory(CreateCategoryCommand command);
}
