package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import java.util.regex.Pattern;

/**
 * A shelf of the catalog that products are filed under. The slug is the category's identity and appears in URLs and
 * filters ({@code ?category=kitchen}), so it is lower-case, URL-safe and immutable.
 */
public record Category(String slug, String name) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final int MAX_SLUG_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 100;

    public Category {
        if (slug == null
                || slug.length() > MAX_SLUG_LENGTH
                || !SLUG.matcher(slug).matches()) {
            throw DomainException.invalid(
                    "invalid-category-slug",
                    "a category slug is 1-64 lower-case letters or digits in words joined by single hyphens");
        }
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("invalid-category-name", "a category name is 1-100 characters");
        }
    }
}
