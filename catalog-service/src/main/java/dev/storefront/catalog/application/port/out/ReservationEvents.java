package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Reservation;
import java.util.List;

/** Announces the outcome of a reservation to order-service; written in the caller's transaction (outbox). */
public interface ReservationEvents {

    void reserved(Reservation reservation);

    void rejected(Reservation reservation, List<Reservation.LineRejection> rejections);
}
