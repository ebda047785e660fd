package dev.storefront.platform.web;

/**
 * References to the components every service's OpenAPI document shares (merged from
 * {@code src/main/openapi/storefront-common.yml} of this module), for the services' {@code @ApiResponse} and
 * {@code @Header} annotations: the problem responses and the rate-limit headers.
 */
public final class OpenApiRefs {

    private OpenApiRefs() {}

    public static final String RATE_LIMIT_POLICY = "#/components/headers/RateLimit-Policy";
    public static final String RATE_LIMIT_LIMIT = "#/components/headers/RateLimit-Limit";
    public static final String RATE_LIMIT_REMAINING = "#/components/headers/RateLimit-Remaining";
    public static final String RATE_LIMIT_RESET = "#/components/headers/RateLimit-Reset";

    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
    public static final String FORBIDDEN = "#/components/responses/Forbidden";
    public static final String NOT_FOUND = "#/components/responses/NotFound";
    public static final String CONFLICT = "#/components/responses/Conflict";
    public static final String PRECONDITION_FAILED = "#/components/responses/PreconditionFailed";
    public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";
    public static final String CLIENT_ERROR = "#/components/responses/ClientError";
    public static final String INTERNAL_ERROR = "#/components/responses/InternalError";
    public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";
}
