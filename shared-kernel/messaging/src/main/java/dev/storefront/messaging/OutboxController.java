package dev.storefront.messaging;

import dev.storefront.kernel.DomainException;
import dev.storefront.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' view of the outbox rows the relay parked (the broker refused them for good): list them, and put one back
 * in line once the cause is fixed. See docs/runbook/outbox.md.
 */
@Controller("/admin/outbox/parked")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class OutboxController {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxController.class);

    private final DataSource dataSource;
    private final OutboxStore store;

    OutboxController(DataSource dataSource, DataSourceResolver resolver, MessagingSettings settings) {
        this.dataSource = resolver.resolve(dataSource);
        this.store = new OutboxStore(settings.schema());
    }

    @Get
    List<ParkedView> list(@Nullable @QueryValue Integer limit) throws SQLException {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw DomainException.invalid("invalid-limit", "limit is 1 to 500");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return store.parked(connection, size).stream().map(ParkedView::of).toList();
        }
    }

    @Post("/{id}/retry")
    RetryResult retry(@PathVariable long id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!store.unpark(connection, id)) {
                throw DomainException.notFound("unknown-parked-row", "no parked outbox row has id " + id);
            }
        }
        LOG.info("Parked outbox row {} put back in line", id);
        return new RetryResult(id, "QUEUED");
    }

    @Serdeable
    record ParkedView(
            long id,
            String eventId,
            String eventType,
            String topic,
            String key,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant parkedAt) {
        static ParkedView of(OutboxStore.ParkedRow row) {
            return new ParkedView(
                    row.id(),
                    row.eventId(),
                    row.eventType(),
                    row.topic(),
                    row.key(),
                    row.attempts(),
                    row.lastError(),
                    row.createdAt(),
                    row.parkedAt());
        }
    }

    @Serdeable
    record RetryResult(long id, String state) {}
}
