package dev.storefront.platform.web;

import io.micronaut.http.HttpStatus;
import java.net.URI;

/**
 * The stable problem types every service answers with. Clients branch on {@link #uri()}, never on the wording of
 * {@code title} or {@code detail}; the catalogue of types is documented in docs/api/problems.md.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request failed validation"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "Precondition required"),
    UNPROCESSABLE("unprocessable-content", HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable content"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large"),
    URI_TOO_LONG("uri-too-long", HttpStatus.REQUEST_URI_TOO_LONG, "Request URI too long"),
    HEADERS_TOO_LARGE("headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    /** Any other 4xx status: the status code says what happened. */
    CLIENT_ERROR("client-error", HttpStatus.BAD_REQUEST, "Client error");

    /** Prefix of every problem type URI; the documentation page lives under the same path. */
    public static final String BASE_URI = "https://storefront.dev/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE_URI + slug);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic type for a status that no more specific type claimed. */
    public static ProblemType forStatus(HttpStatus status) {
        for (ProblemType type : values()) {
            if (type.status == status
                    && type != VALIDATION_FAILED
                    && type != MALFORMED_REQUEST
                    && type != CLIENT_ERROR) {
                return type;
            }
        }
        return status.getCode() >= 500 ? INTERNAL_ERROR : CLIENT_ERROR;
    }
}
