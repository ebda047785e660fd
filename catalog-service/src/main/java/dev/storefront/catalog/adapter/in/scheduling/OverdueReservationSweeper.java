package dev.storefront.catalog.adapter.in.scheduling;

import dev.storefront.catalog.application.port.in.ReserveStockUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backstop for held stock: every {@code sweep-interval}, releases reservations still held {@code grace} after
 * their order's deadline. Normally the order side answers long before (confirmed, cancelled, or expired at its
 * deadline); this releases the units of an order whose answer never came, e.g. its event is in a dead-letter topic.
 * The grace period keeps it from racing a confirmation that is merely late: an order confirmed before its deadline
 * announces it within seconds, not minutes. Safe with several instances: each release locks its reservation and
 * leaves alone one that is no longer held.
 */
@Singleton
@Requires(property = "storefront.catalog.reservations.sweep.enabled", notEquals = "false")
class OverdueReservationSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(OverdueReservationSweeper.class);
    private static final int BATCH = 100;

    private final ReserveStockUseCase reservations;
    private final Duration grace;

    OverdueReservationSweeper(
            ReserveStockUseCase reservations,
            @Value("${storefront.catalog.reservations.sweep.grace:15m}") Duration grace) {
        this.reservations = reservations;
        this.grace = grace;
    }

    @Scheduled(
            fixedDelay = "${storefront.catalog.reservations.sweep.interval:1m}",
            initialDelay = "${storefront.catalog.reservations.sweep.interval:1m}")
    void sweep() {
        try {
            List<String> overdue;
            do {
                overdue = reservations.heldPast(Instant.now().minus(grace), BATCH);
                overdue.forEach(reservations::releaseOverdue);
                if (!overdue.isEmpty()) {
                    LOG.info("Released {} reservations held past their deadline plus {}", overdue.size(), grace);
                }
            } while (overdue.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Sweeping overdue reservations failed; trying again at the next interval", e);
        }
    }
}
