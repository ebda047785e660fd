package dev.storefront.platform.web;

import dev.storefront.kernel.DomainException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a database that did not answer in time into 503 {@code database-busy} with {@code Retry-After}, instead of a
 * 500 or a request that hangs: a statement cancelled by {@code statement_timeout} (SQLState 57014), a lock not granted
 * within {@code lock_timeout} (55P03), no pooled connection within the pool's {@code connection-timeout}, or a
 * connection that failed (08xxx). Every service's connections carry those timeouts (application.yml), so no request
 * waits on Postgres without a bound. The transaction was rolled back: nothing changed. Any other data-access failure
 * is a 500.
 */
@Singleton
@Requires(classes = {DataAccessException.class, ExceptionHandler.class})
public class DatabaseBusyExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBusyExceptionHandler.class);

    private final DomainExceptionHandler domain;
    private final ErrorResponseProcessor<?> errors;

    public DatabaseBusyExceptionHandler(DomainExceptionHandler domain, ErrorResponseProcessor<?> errors) {
        this.domain = domain;
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
        return answer(request, exception, domain, errors, LOG);
    }

    /** 503 database-busy when {@link #isBusy} says so, else a logged 500; for both handlers of database failures. */
    static HttpResponse<?> answer(
            HttpRequest<?> request,
            Throwable exception,
            DomainExceptionHandler domain,
            ErrorResponseProcessor<?> errors,
            Logger log) {
        if (isBusy(exception)) {
            log.warn(
                    "{} {}: database did not answer in time: {}",
                    request.getMethod(),
                    request.getPath(),
                    rootMessage(exception));
            return domain.handle(
                    request,
                    DomainException.unavailable(
                            "database-busy", "the database did not answer in time; nothing was changed, try again"));
        }
        log.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return errors.processResponse(
                ErrorContext.builder(request).cause(exception).build(), HttpResponse.serverError());
    }

    /** Whether the failure is the database being slow, locked or away, rather than a fault of the request or code. */
    static boolean isBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("57014") || state.equals("55P03") || state.startsWith("08")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
