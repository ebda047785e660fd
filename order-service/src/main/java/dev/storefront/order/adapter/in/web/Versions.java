package dev.storefront.order.adapter.in.web;

import dev.storefront.kernel.DomainException;
import java.util.Optional;

/** Versions as entity tags ({@code "v7"}), as catalog writes them. */
final class Versions {

    private Versions() {}

    static String etag(long version) {
        return "\"v" + version + "\"";
    }

    /** The version an optional If-Match names; a tag that names no version of ours can only be stale (412). */
    static Optional<Long> ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 4 && tag.startsWith("\"v") && tag.endsWith("\"")) {
            try {
                return Optional.of(Long.parseLong(tag.substring(2, tag.length() - 1)));
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
        }
        throw DomainException.preconditionFailed("stale-cart-version", "If-Match names no version of this cart");
    }
}
