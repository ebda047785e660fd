package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Reservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where reservations are kept. */
public interface Reservations {

    /** The reservation of {@code orderId}, locked until the transaction ends. */
    Optional<Reservation> lock(String orderId);

    void add(Reservation reservation);

    void updateState(Reservation reservation);

    /** Records that {@code orderId} ended (cancelled or expired) before anything was reserved for it. */
    void recordEndedBeforeReserved(String orderId, Reservation.ReleaseReason reason);

    /** Whether {@code orderId} ended before anything was reserved for it. */
    boolean endedBeforeReserved(String orderId);

    /** Orders whose reservation is still held and whose deadline passed before {@code cutoff}, oldest first. */
    List<String> heldPast(Instant cutoff, int limit);
}
