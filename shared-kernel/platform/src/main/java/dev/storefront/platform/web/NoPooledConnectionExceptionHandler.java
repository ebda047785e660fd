package dev.storefront.platform.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other half of {@link DatabaseBusyExceptionHandler}: Micronaut Data reports a connection it could not take from
 * the pool as {@code CannotGetJdbcConnectionException}, which is not a {@code DataAccessException}, so without this a
 * request that waited out the pool's {@code connection-timeout} (or found the database away) answered 500. It answers
 * 503 {@code database-busy} with {@code Retry-After} instead; nothing was changed, since no statement ran.
 */
@Singleton
@Requires(classes = {CannotGetJdbcConnectionException.class, ExceptionHandler.class})
public class NoPooledConnectionExceptionHandler
        implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(NoPooledConnectionExceptionHandler.class);

    private final DomainExceptionHandler domain;
    private final ErrorResponseProcessor<?> errors;

    public NoPooledConnectionExceptionHandler(DomainExceptionHandler domain, ErrorResponseProcessor<?> errors) {
        this.domain = domain;
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
        return DatabaseBusyExceptionHandler.answer(request, exception, domain, errors, LOG);
    }
}
