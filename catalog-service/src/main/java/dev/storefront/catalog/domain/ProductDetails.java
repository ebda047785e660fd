package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;

/** What an administrator edits about a product, apart from its price. */
public record ProductDetails(String name, String description, String category, boolean active) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    public ProductDetails {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("invalid-product-name", "a product name is 1-200 characters");
        }
        description = description == null ? "" : description.strip();
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw DomainException.invalid("invalid-description", "a description is at most 2000 characters");
        }
        // Validates the slug's format; whether the category exists is checked where categories are kept.
        category = new Category(category, "-").slug();
    }
}
