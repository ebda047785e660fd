package dev.storefront.order.adapter.in.scheduling;

import dev.storefront.order.application.port.in.MaintainOrdersUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs order housekeeping on every instance: expiring overdue PENDING orders (in batches, until none is left) and
 * forgetting old idempotency keys. Instances skip each other's locked rows, so each order expires once.
 */
@Singleton
@Requires(property = "storefront.orders.sweeper.enabled", notEquals = "false")
class OrderMaintenanceScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(OrderMaintenanceScheduler.class);

    private final MaintainOrdersUseCase maintenance;
    private final int batchSize;

    OrderMaintenanceScheduler(
            MaintainOrdersUseCase maintenance, @Value("${storefront.orders.sweeper.batch-size:100}") int batchSize) {
        this.maintenance = maintenance;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${storefront.orders.sweeper.interval:1s}", initialDelay = "2s")
    void expireOverdueOrders() {
        try {
            int expired;
            do {
                expired = maintenance.expireOverdue(batchSize);
                if (expired > 0) {
                    LOG.info("Expired {} overdue orders", expired);
                }
            } while (expired == batchSize);
        } catch (RuntimeException e) {
            // The database may be away; the next run tries again.
            LOG.warn("Expiring overdue orders failed: {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void forgetOldIdempotencyKeys() {
        try {
            int forgotten = maintenance.forgetExpiredIdempotencyKeys();
            LOG.debug("Forgot {} idempotency keys", forgotten);
        } catch (RuntimeException e) {
            LOG.warn("Forgetting idempotency keys failed: {}", e.toString());
        }
    }
}
