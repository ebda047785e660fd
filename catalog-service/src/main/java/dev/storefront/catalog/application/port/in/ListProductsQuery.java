package dev.storefront.catalog.application.port.in;

import dev.storefront.catalog.domain.Category;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which products to list: optionally one category, optionally names containing words starting with the given text,
 * after a position (keyset pagination by sku) and at most {@code limit} of them.
 */
public record ListProductsQuery(Optional<String> category, List<String> words, Optional<Sku> after, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_TEXT_LENGTH = 100;
    private static final int MAX_WORDS = 5;

    public ListProductsQuery {
        category = category.map(slug -> new Category(slug, "-").slug());
        words = List.copyOf(words);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("invalid-page-size", "a page holds 1 to " + MAX_LIMIT + " products");
        }
    }

    /** Builds a query from the raw request values (nulls mean "not given"). */
    public static ListProductsQuery of(String category, String text, Sku after, Integer limit) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw DomainException.invalid(
                    "invalid-search", "search text is at most " + MAX_TEXT_LENGTH + " characters");
        }
        List<String> words = text == null
                ? List.of()
                : Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                        .filter(w -> !w.isBlank())
                        .limit(MAX_WORDS)
                        .toList();
        return new ListProductsQuery(
                Optional.ofNullable(category),
                words,
                Optional.ofNullable(after),
                limit == null ? DEFAULT_LIMIT : limit);
    }
}
