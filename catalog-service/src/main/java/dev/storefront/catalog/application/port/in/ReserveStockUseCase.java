package dev.storefront.catalog.application.port.in;

import dev.storefront.catalog.domain.ReservationLine;
import java.time.Instant;
import java.util.List;

/** The stock side of checkout, driven by order events: reserve, then confirm or release. Each is idempotent. */
public interface ReserveStockUseCase {

    /** Reserves all lines or none, and announces which. */
    void reserve(ReserveStock command);

    /** The order is confirmed: held units are sold. */
    void confirm(String orderId);

    /** The order expired: held units go back. */
    void release(String orderId);

    /** The order was cancelled: held units go back, and so do sold ones if it had been confirmed. */
    void cancel(String orderId);

    /**
     * Orders whose units are still held although their deadline passed before {@code cutoff}: no answer came for them
     * (its event was lost to a dead letter, or the order side is down).
     */
    List<String> heldPast(Instant cutoff, int limit);

    /**
     * Releases a reservation whose order never answered, as if it had expired; a reservation that is no longer held
     * is left alone.
     */
    void releaseOverdue(String orderId);

    record ReserveStock(String orderId, List<ReservationLine> lines, Instant expiresAt) {}
}
