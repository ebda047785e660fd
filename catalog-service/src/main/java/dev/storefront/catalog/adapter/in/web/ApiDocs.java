package dev.storefront.catalog.adapter.in.web;

import dev.storefront.catalog.domain.Category;

/**
 * What the catalog's OpenAPI annotations say about its inputs and outputs, stated once: the formats and limits the
 * domain enforces ({@code Sku}, {@link Category}, {@code Money}), written as JSON Schema patterns and lengths. The
 * shared responses and headers they refer to are in shared-kernel/platform/src/main/openapi ({@code OpenApiRefs}).
 */
final class ApiDocs {

    private ApiDocs() {}

    /** {@code Sku}: 3-32 upper-case letters, digits or hyphens, starting alphanumeric. */
    static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9-]{2,31}$";

    static final int SKU_MAX_LENGTH = 32;

    /** {@link Category}'s slug: lower-case letters or digits in words joined by single hyphens. */
    static final String SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

    /** {@code Money}: an ISO 4217 code. */
    static final String CURRENCY_PATTERN = "^[A-Z]{3}$";

    /** A page cursor: base64url without padding of the last SKU of a page, so at most 43 characters. */
    static final String CURSOR_PATTERN = "^[A-Za-z0-9_-]+$";

    static final int CURSOR_MAX_LENGTH = 43;

    /** An entity tag as this API writes it, {@code "v7"}, optionally weak. */
    static final String ETAG_PATTERN = "^(W/)?\"v[0-9]+\"$";

    /** No request header is longer than all headers together may be ({@code micronaut.server.max-header-size}). */
    static final int HEADER_MAX_LENGTH = 8192;
}
