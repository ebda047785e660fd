package dev.storefront.catalog.domain;

import java.util.List;

/** What a reservation's transitions announce; {@link Reservation} decides which, in the order given. */
public sealed interface ReservationEvent {

    Reservation reservation();

    /** Every line is held for the order. */
    record Reserved(Reservation reservation) implements ReservationEvent {}

    /** Nothing is held; each line that could not be is listed with why. */
    record Rejected(Reservation reservation, List<Reservation.LineRejection> rejections) implements ReservationEvent {}

    /** The order was confirmed: the held units are sold. */
    record Committed(Reservation reservation) implements ReservationEvent {}

    /**
     * The units are available again: a hold lifted ({@code restocked} false) or sold units put back on hand
     * ({@code restocked} true).
     */
    record Released(Reservation reservation, Reservation.ReleaseReason reason, boolean restocked)
            implements ReservationEvent {}
}
