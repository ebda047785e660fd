package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Reservation;
import java.util.Optional;

/** Where reservations are kept. */
public interface Reservations {

    /** The reservation of {@code orderId}, locked until the transaction ends. */
    Optional<Reservation> lock(String orderId);

    void add(Reservation reservation);

    void updateState(Reservation reservation);
}
