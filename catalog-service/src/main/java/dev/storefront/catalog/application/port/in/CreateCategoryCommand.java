package dev.storefront.catalog.application.port.in;

import dev.storefront.catalog.domain.Category;

/** Ask to open a new category; constructing it validates slug and name. */
public record CreateCategoryCommand(Category category) {

    public static CreateCategoryCommand of(String slug, String name) {
        return new CreateCategoryCommand(new Category(slug, name));
    }
}
