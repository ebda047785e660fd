package dev.storefront.catalog.adapter.in.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.storefront.catalog.domain.Product;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The encoded JSON of recently served product versions, so that serving a cached product does no mapping or encoding.
 * Keyed by SKU and version: a version of a product never changes, so an encoding can never be stale and needs no
 * invalidation; a new version simply has no encoding yet. Bounded by size.
 */
@Singleton
class ProductResponses {

    private record Version(String sku, long version) {}

    private static final int MAX_ENTRIES = 20_000;

    private final JsonMapper json;
    private final Cache<Version, byte[]> encoded =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    ProductResponses(JsonMapper json) {
        this.json = json;
    }

    /** {@code product} as the JSON of {@link ProductDtos.ProductResponse}. */
    byte[] json(Product product) {
        return encoded.get(new Version(product.sku().value(), product.version()), key -> encode(product));
    }

    private byte[] encode(Product product) {
        try {
            return json.writeValueAsBytes(ProductDtos.ProductResponse.of(product));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
