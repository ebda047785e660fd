package dev.storefront.catalog.adapter.out.messaging;

import dev.storefront.catalog.application.port.out.ReservationEvents;
import dev.storefront.catalog.domain.Reservation;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.events.inventory.InventoryReserved;
import dev.storefront.events.inventory.RejectedLine;
import dev.storefront.events.inventory.ReservedLine;
import dev.storefront.messaging.OutboxWriter;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Reservation outcomes to inventory.reservation.v1 (key order id), through the outbox. The order id is the
 * correlation id of the whole checkout; the causing OrderPlaced is taken from the consuming context.
 */
@Singleton
class ReservationEventsOutboxAdapter implements ReservationEvents {

    private final OutboxWriter outbox;

    ReservationEventsOutboxAdapter(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public void reserved(Reservation reservation) {
        List<ReservedLine> lines = reservation.lines().stream()
                .map(line -> new ReservedLine(line.sku().value(), line.quantity()))
                .toList();
        outbox.append(
                EventCatalog.INVENTORY_RESERVED,
                new InventoryReserved(reservation.orderId(), lines, reservation.expiresAt()),
                reservation.orderId(),
                reservation.orderId(),
                null);
    }

    @Override
    public void rejected(Reservation reservation, List<Reservation.LineRejection> rejections) {
        List<RejectedLine> lines = rejections.stream()
                .map(r -> new RejectedLine(
                        r.line().sku().value(),
                        r.line().quantity(),
                        r.available(),
                        r.reason().name()))
                .toList();
        outbox.append(
                EventCatalog.INVENTORY_REJECTED,
                new InventoryRejected(reservation.orderId(), lines),
                reservation.orderId(),
                reservation.orderId(),
                null);
    }
}
