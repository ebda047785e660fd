package dev.storefront.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.storefront.kernel.DomainException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Optional;

/**
 * Renders every error response of a service as {@code application/problem+json}. Micronaut's own handlers (routing,
 * content negotiation, body limits, conversion, validation, security) all delegate here, so one class decides the
 * shape of every error. Internal details never leave: a 5xx carries a generic detail only.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemDetailsErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    public static final MediaType APPLICATION_PROBLEM_JSON = MediaType.of("application/problem+json");

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        MutableHttpResponse<?> baseResponse = withPreciseStatus(context, response);
        HttpStatus status = baseResponse.status();
        Optional<Throwable> cause = context.getRootCause();
        ProblemType type = classify(status, cause.orElse(null));
        String code = cause.filter(DomainException.class::isInstance)
                .map(e -> ((DomainException) e).code())
                .orElse(null);
        List<Problem.FieldError> errors = type == ProblemType.VALIDATION_FAILED
                ? context.getErrors().stream()
                        .map(e -> new Problem.FieldError(e.getPath().orElse(null), e.getMessage()))
                        .toList()
                : List.of();
        Problem problem = new Problem(
                type.uri(),
                type.title(),
                status.getCode(),
                detail(status, type, context),
                context.getRequest().getPath(),
                code,
                errors);
        return baseResponse.contentType(APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * Netty refuses a request line or headers over their limits ({@code micronaut.server.max-initial-line-length},
     * {@code max-header-size}) before any routing, and Micronaut answers every such refusal 413, as if the body were too
     * large. The request's decoder result says which limit it was: 414 for the URI, 431 for the headers.
     */
    private static MutableHttpResponse<?> withPreciseStatus(ErrorContext context, MutableHttpResponse<?> response) {
        if (response.status() != HttpStatus.REQUEST_ENTITY_TOO_LARGE
                || !(context.getRequest() instanceof NettyHttpRequest<?> request)) {
            return response;
        }
        Throwable refusal = request.getNativeRequest().decoderResult().cause();
        if (refusal instanceof TooLongHttpLineException) {
            return response.status(HttpStatus.REQUEST_URI_TOO_LONG);
        }
        if (refusal instanceof TooLongHttpHeaderException) {
            return response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        return response;
    }

    private static ProblemType classify(HttpStatus status, Throwable cause) {
        if (status == HttpStatus.BAD_REQUEST) {
            if (cause instanceof ConstraintViolationException
                    || cause instanceof DomainException
                    || cause instanceof ConversionErrorException) {
                return ProblemType.VALIDATION_FAILED;
            }
            if (isUnreadableBody(cause)) {
                return ProblemType.MALFORMED_REQUEST;
            }
        }
        return ProblemType.forStatus(status);
    }

    /** The body could not be parsed or mapped: bad JSON syntax, or JSON of the wrong shape. */
    private static boolean isUnreadableBody(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CodecException
                    || t instanceof JsonProcessingException
                    || t instanceof JsonSyntaxException
                    || t instanceof SerdeException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(HttpStatus status, ProblemType type, ErrorContext context) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE
                && context.getRootCause()
                        .filter(DomainException.class::isInstance)
                        .isPresent()) {
            // Written by the application for this case ("catalog did not answer"): says what is away, nothing more.
            return context.getRootCause().get().getMessage();
        }
        if (status.getCode() >= 500) {
            return "The service could not complete the request; it has been logged.";
        }
        if (type == ProblemType.URI_TOO_LONG) {
            return "The request line is longer than this service accepts; nothing was read.";
        }
        if (type == ProblemType.HEADERS_TOO_LARGE) {
            return "The request headers are larger than this service accepts; nothing was read.";
        }
        if (type == ProblemType.MALFORMED_REQUEST) {
            // Parser messages echo internal class names; say what is wrong without them.
            return "The request body is not valid JSON for this operation.";
        }
        if (type == ProblemType.VALIDATION_FAILED && context.getErrors().size() > 1) {
            return context.getErrors().size() + " inputs are invalid; see errors.";
        }
        return context.getErrors().stream()
                .findFirst()
                .map(e -> e.getPath().map(p -> p + ": ").orElse("") + e.getMessage())
                .orElse(type.title());
    }
}
