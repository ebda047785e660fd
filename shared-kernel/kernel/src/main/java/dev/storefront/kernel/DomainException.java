package dev.storefront.kernel;

import java.util.Objects;

/**
 * A business rule refused an operation. Every service's domain throws these; the web adapter turns the {@link Kind}
 * into an HTTP status and the {@link #code()} into a stable problem type, so clients can branch on it.
 */
public class DomainException extends RuntimeException {

    /** What sort of refusal this is; decides the HTTP status, never the wording. */
    public enum Kind {
        /** The input breaks an invariant (bad SKU, negative quantity...). */
        INVALID,
        /** The thing asked for does not exist. */
        NOT_FOUND,
        /** The request clashes with the current state (duplicate, illegal transition, stale version). */
        CONFLICT,
        /** A version the client named (If-Match) is no longer the current one. */
        PRECONDITION_FAILED,
        /** Well-formed, but cannot be processed as sent (e.g. an idempotency key reused for another request). */
        UNPROCESSABLE,
        /** Something the operation depends on is away for now; the same request may succeed later. */
        UNAVAILABLE,
        /** A bound on concurrent use is reached (e.g. open streams); the same request may succeed once another ends. */
        LIMITED
    }

    private final Kind kind;
    private final String code;

    public DomainException(Kind kind, String code, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
    }

    public Kind kind() {
        return kind;
    }

    /** Stable, kebab-case identifier of the rule that refused, e.g. {@code category-already-exists}. */
    public String code() {
        return code;
    }

    public static DomainException invalid(String code, String message) {
        return new DomainException(Kind.INVALID, code, message);
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(Kind.NOT_FOUND, code, message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message);
    }

    public static DomainException preconditionFailed(String code, String message) {
        return new DomainException(Kind.PRECONDITION_FAILED, code, message);
    }

    public static DomainException unprocessable(String code, String message) {
        return new DomainException(Kind.UNPROCESSABLE, code, message);
    }

    public static DomainException unavailable(String code, String message) {
        return new DomainException(Kind.UNAVAILABLE, code, message);
    }
}
