package dev.storefront.platform.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Micronaut Security answers a refused request with an empty body; this makes 401 and 403 problem details like every
 * other error, and tells a client without credentials which scheme to use.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class ProblemAuthorizationExceptionHandler
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    public ProblemAuthorizationExceptionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        boolean forbidden = exception.isForbidden();
        MutableHttpResponse<?> base = HttpResponse.status(forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
        if (!forbidden) {
            base.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        String message = forbidden
                ? "Your token does not grant the role this operation needs."
                : "Send a valid bearer token (Authorization: Bearer <jwt>).";
        return errors.processResponse(
                ErrorContext.builder(request)
                        .cause(exception)
                        .errorMessage(message)
                        .build(),
                base);
    }
}
