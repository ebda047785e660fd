package dev.storefront.catalog.domain;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stock held for one order: all of its lines or none. HELD until the order is confirmed (CONFIRMED: the units are
 * sold) or cancelled/expired (RELEASED: the units go back). REJECTED records an order that could not be served, so a
 * redelivered OrderPlaced is answered the same way.
 */
public record Reservation(String orderId, List<ReservationLine> lines, State state, Instant expiresAt) {

    public enum State {
        HELD,
        CONFIRMED,
        RELEASED,
        REJECTED
    }

    /** Why a line could not be reserved; the names travel in InventoryRejected. */
    public enum RejectionReason {
        INSUFFICIENT_STOCK,
        UNKNOWN_SKU,
        INACTIVE_PRODUCT
    }

    public record LineRejection(ReservationLine line, int available, RejectionReason reason) {}

    /** What ended a reservation early; the names travel in InventoryReleased. */
    public enum ReleaseReason {
        ORDER_CANCELLED,
        ORDER_EXPIRED
    }

    /** What an attempt to reserve came to: the reservation and the stock it changed, or why not. */
    public sealed interface Outcome {
        Reservation reservation();

        /** What the outcome announces. */
        List<ReservationEvent> events();
    }

    public record Reserved(Reservation reservation, List<Stock> changedStock) implements Outcome {
        @Override
        public List<ReservationEvent> events() {
            return List.of(new ReservationEvent.Reserved(reservation));
        }
    }

    public record Rejected(Reservation reservation, List<LineRejection> rejections) implements Outcome {
        @Override
        public List<ReservationEvent> events() {
            return List.of(new ReservationEvent.Rejected(reservation, rejections));
        }
    }

    /** A transition: the reservation after it and what it announces (nothing when it changed nothing). */
    public record Transition(Reservation reservation, List<ReservationEvent> events) {
        public Transition {
            events = List.copyOf(events);
        }

        /** Whether anything changed (a repeated confirm or release changes nothing and announces nothing). */
        public boolean changed() {
            return !events.isEmpty();
        }

        private static Transition none(Reservation unchanged) {
            return new Transition(unchanged, List.of());
        }
    }

    public Reservation {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw DomainException.invalid("empty-reservation", "a reservation has at least one line");
        }
        if (lines.stream().map(ReservationLine::sku).distinct().count() != lines.size()) {
            throw DomainException.invalid("duplicate-sku", "each product appears once per reservation");
        }
    }

    /**
     * Reserves every line from {@code stock} (locked by the caller for the whole decision), or none. Products not in
     * {@code stock} are unknown; those in {@code inactive} are not for sale.
     */
    public static Outcome attempt(
            String orderId, List<ReservationLine> lines, Instant expiresAt, Map<Sku, Stock> stock, Set<Sku> inactive) {
        List<LineRejection> rejections = lines.stream()
                .map(line -> rejection(line, stock.get(line.sku()), inactive.contains(line.sku())))
                .filter(Objects::nonNull)
                .toList();
        if (!rejections.isEmpty()) {
            return new Rejected(new Reservation(orderId, lines, State.REJECTED, expiresAt), rejections);
        }
        Map<Sku, ReservationLine> bySku =
                lines.stream().collect(Collectors.toMap(ReservationLine::sku, Function.identity()));
        List<Stock> changed = bySku.values().stream()
                .map(line -> stock.get(line.sku()).reserve(line.quantity()))
                .toList();
        return new Reserved(new Reservation(orderId, lines, State.HELD, expiresAt), changed);
    }

    private static LineRejection rejection(ReservationLine line, Stock stock, boolean inactive) {
        if (stock == null) {
            return new LineRejection(line, 0, RejectionReason.UNKNOWN_SKU);
        }
        if (inactive) {
            return new LineRejection(line, stock.available(), RejectionReason.INACTIVE_PRODUCT);
        }
        if (!stock.canReserve(line.quantity())) {
            return new LineRejection(line, stock.available(), RejectionReason.INSUFFICIENT_STOCK);
        }
        return null;
    }

    /** The order went through: the held units are sold. Confirming twice changes nothing. */
    public Transition confirm() {
        if (state == State.CONFIRMED) {
            return Transition.none(this);
        }
        if (state != State.HELD) {
            throw DomainException.conflict("reservation-not-held", "reservation of " + orderId + " is " + state);
        }
        Reservation confirmed = new Reservation(orderId, lines, State.CONFIRMED, expiresAt);
        return new Transition(confirmed, List.of(new ReservationEvent.Committed(confirmed)));
    }

    /** The order is off: held units go back. Releasing anything but a held reservation changes nothing. */
    public Transition release(ReleaseReason reason) {
        if (state != State.HELD) {
            return Transition.none(this);
        }
        Reservation released = new Reservation(orderId, lines, State.RELEASED, expiresAt);
        return new Transition(released, List.of(new ReservationEvent.Released(released, reason, false)));
    }

    /**
     * A confirmed order was cancelled: the sold units go back on the shelf (RELEASED). Anything but a confirmed
     * reservation changes nothing.
     */
    public Transition returnSold() {
        if (state != State.CONFIRMED) {
            return Transition.none(this);
        }
        Reservation released = new Reservation(orderId, lines, State.RELEASED, expiresAt);
        return new Transition(
                released, List.of(new ReservationEvent.Released(released, ReleaseReason.ORDER_CANCELLED, true)));
    }

    public boolean isConfirmed() {
        return state == State.CONFIRMED;
    }

    public boolean isHeld() {
        return state == State.HELD;
    }
}
