package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Category;
import java.util.List;

/** Where categories are kept. */
public interface Categories {

    List<Category> allByName();

    boolean exists(String slug);

    /**
     * Stores a new category.
     *
     * @return false when a category with that slug already exists (nothing is changed then)
     */
    boolean addIfAbsent(Category category);
}
