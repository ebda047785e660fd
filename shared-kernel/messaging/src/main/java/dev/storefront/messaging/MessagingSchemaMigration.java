package dev.storefront.messaging;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the outbox and inbox tables in the service's schema as soon as its DataSource exists, with
 * their own Flyway history table. The service's migrations and these evolve independently: neither needs to know the
 * other's version numbers.
 */
@Singleton
class MessagingSchemaMigration implements BeanCreatedEventListener<DataSource> {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingSchemaMigration.class);
    static final String HISTORY_TABLE = "messaging_schema_history";

    private final MessagingSettings settings;
    private final DataSourceResolver resolver;

    MessagingSchemaMigration(MessagingSettings settings, DataSourceResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = event.getBean();
        var result = Flyway.configure()
                .dataSource(resolver.resolve(dataSource))
                .schemas(settings.schema())
                .defaultSchema(settings.schema())
                .createSchemas(false)
                .table(HISTORY_TABLE)
                .locations("classpath:db/messaging")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("Messaging tables in schema {} at version {}", settings.schema(), result.targetSchemaVersion);
        return dataSource;
    }
}
