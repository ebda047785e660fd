package dev.storefront.catalog.adapter.out.messaging;

import dev.storefront.catalog.application.port.out.ReservationEvents;
import dev.storefront.catalog.domain.Reservation;
import dev.storefront.catalog.domain.ReservationEvent;
import dev.storefront.events.EventCatalog;
import dev.storefront.events.inventory.InventoryCommitted;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.events.inventory.InventoryReleased;
import dev.storefront.events.inventory.InventoryReserved;
import dev.storefront.events.inventory.RejectedLine;
import dev.storefront.events.inventory.ReservedLine;
import dev.storefront.messaging.OutboxWriter;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Reservation events to inventory.reservation.v1 (key order id), through the outbox. The order id is the correlation
 * id of the whole checkout; the causing order event is taken from the consuming context.
 */
@Singleton
class ReservationEventsOutboxAdapter implements ReservationEvents {

    private final OutboxWriter outbox;

    ReservationEventsOutboxAdapter(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(List<ReservationEvent> events) {
        for (ReservationEvent event : events) {
            switch (event) {
                case ReservationEvent.Reserved reserved -> reserved(reserved.reservation());
                case ReservationEvent.Rejected rejected -> rejected(rejected.reservation(), rejected.rejections());
                case ReservationEvent.Committed committed -> committed(committed.reservation());
                case ReservationEvent.Released released -> released(released);
            }
        }
    }

    private static List<ReservedLine> linesOf(Reservation reservation) {
        return reservation.lines().stream()
                .map(line -> new ReservedLine(line.sku().value(), line.quantity()))
                .toList();
    }

    private void reserved(Reservation reservation) {
        List<ReservedLine> lines = linesOf(reservation);
        outbox.append(
                EventCatalog.INVENTORY_RESERVED,
                new InventoryReserved(reservation.orderId(), lines, reservation.expiresAt()),
                reservation.orderId(),
                reservation.orderId(),
                null);
    }

    private void committed(Reservation reservation) {
        outbox.append(
                EventCatalog.INVENTORY_COMMITTED,
                new InventoryCommitted(reservation.orderId(), linesOf(reservation)),
                reservation.orderId(),
                reservation.orderId(),
                null);
    }

    private void released(ReservationEvent.Released released) {
        Reservation reservation = released.reservation();
        outbox.append(
                EventCatalog.INVENTORY_RELEASED,
                new InventoryReleased(
                        reservation.orderId(),
                        linesOf(reservation),
                        released.reason().name(),
                        released.restocked()),
                reservation.orderId(),
                reservation.orderId(),
                null);
    }

    private void rejected(Reservation reservation, List<Reservation.LineRejection> rejections) {
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
