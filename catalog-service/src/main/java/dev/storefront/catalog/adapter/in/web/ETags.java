package dev.storefront.catalog.adapter.in.web;

import dev.storefront.catalog.domain.Product;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Product versions as entity tags: {@code "v7"}. */
final class ETags {

    private ETags() {}

    static String of(Product product) {
        return "\"v" + product.version() + "\"";
    }

    /** The version an If-Match header names; 428 when absent, 412 when it names no version of ours. */
    static long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new HttpStatusException(
                    HttpStatus.PRECONDITION_REQUIRED, "send If-Match with the ETag of the version you changed");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 4 || !tag.startsWith("\"v") || !tag.endsWith("\"")) {
            throw new HttpStatusException(HttpStatus.PRECONDITION_FAILED, "If-Match names no version of this product");
        }
        try {
            return Long.parseLong(tag.substring(2, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw new HttpStatusException(HttpStatus.PRECONDITION_FAILED, "If-Match names no version of this product");
        }
    }
}
