package dev.storefront.platform.web;

import dev.storefront.kernel.DomainException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Maps a refusal of the domain or application to 400, 404, 409, 412, 422 or 503 with the rule's code; the one place
 * that mapping lives.
 */
@Singleton
@Requires(classes = {DomainException.class, ExceptionHandler.class})
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    public DomainExceptionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        HttpStatus status = switch (exception.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
        ErrorContext context = ErrorContext.builder(request)
                .cause(exception)
                .errorMessage(exception.getMessage())
                .build();
        MutableHttpResponse<?> response = HttpResponse.status(status);
        if (exception.kind() == DomainException.Kind.UNAVAILABLE || exception.kind() == DomainException.Kind.LIMITED) {
            // A dependency is away: tell clients when a retry is worth it instead of letting them hammer.
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return errors.processResponse(context, response);
    }
}
