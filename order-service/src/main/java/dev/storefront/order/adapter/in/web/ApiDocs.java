package dev.storefront.order.adapter.in.web;

/**
 * What the order API's OpenAPI annotations say about its inputs and outputs, stated once: the formats and limits the
 * domain enforces ({@code Sku}, {@code CartId}, {@code Money}, idempotency keys), written as JSON Schema patterns and
 * lengths. The shared responses and headers they refer to are in shared-kernel/platform/src/main/openapi ({@code OpenApiRefs}).
 */
final class ApiDocs {

    private ApiDocs() {}

    /** {@code Sku}: 3-32 upper-case letters, digits or hyphens, starting alphanumeric. */
    static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9-]{2,31}$";

    static final int SKU_MAX_LENGTH = 32;

    /** {@code CartId}: 32 lower-case hex digits. */
    static final String CART_ID_PATTERN = "^[0-9a-f]{32}$";

    static final int CART_ID_LENGTH = 32;

    /** An order id is a UUID. */
    static final int UUID_LENGTH = 36;

    /** {@code Money}: an ISO 4217 code. */
    static final String CURRENCY_PATTERN = "^[A-Z]{3}$";

    /** {@code PlaceOrder}'s idempotency key: 8-128 visible ASCII characters. */
    static final String IDEMPOTENCY_KEY_PATTERN = "^[\\x21-\\x7e]{8,128}$";

    /**
     * A page cursor: base64url without padding of the last order's placement time and id (at most 37 + 1 + 36 bytes),
     * so at most 99 characters.
     */
    static final String CURSOR_PATTERN = "^[A-Za-z0-9_-]+$";

    static final int CURSOR_MAX_LENGTH = 99;

    /** {@code Instant.toString()} of the latest instant there is, {@code +1000000000-12-31T23:59:59.999999999Z}. */
    static final int INSTANT_MAX_LENGTH = 37;

    /** An entity tag as this API writes it, {@code "v7"}, optionally weak. */
    static final String ETAG_PATTERN = "^(W/)?\"v[0-9]+\"$";

    /** {@code "v"} and a long, quoted. */
    static final int ETAG_MAX_LENGTH = 22;

    /** No request header is longer than all headers together may be ({@code micronaut.server.max-header-size}). */
    static final int HEADER_MAX_LENGTH = 8192;
}
