package dev.storefront.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final Sku CHAIR = Sku.of("CHAIR-1");
    private static final Sku TABLE = Sku.of("TABLE-1");
    private static final Sku LAMP = Sku.of("LAMP-1");
    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    private static Map<Sku, Stock> shelf() {
        return Map.of(CHAIR, new Stock(CHAIR, 4, 0), TABLE, new Stock(TABLE, 1, 0));
    }

    @Test
    void anOrderWhoseLinesAreAllAvailableReservesThemAll() {
        Reservation.Outcome outcome = Reservation.attempt(
                "o-1",
                List.of(new ReservationLine(CHAIR, 4), new ReservationLine(TABLE, 1)),
                EXPIRES,
                shelf(),
                Set.of());

        assertThat(outcome).isInstanceOfSatisfying(Reservation.Reserved.class, reserved -> {
            assertThat(reserved.reservation().state()).isEqualTo(Reservation.State.HELD);
            assertThat(reserved.changedStock()).extracting(Stock::available).containsOnly(0);
        });
    }

    @Test
    void oneShortLineRejectsTheWholeOrderAndSaysWhyPerLine() {
        Reservation.Outcome outcome = Reservation.attempt(
                "o-2",
                List.of(new ReservationLine(CHAIR, 1), new ReservationLine(TABLE, 2), new ReservationLine(LAMP, 1)),
                EXPIRES,
                shelf(),
                Set.of());

        assertThat(outcome).isInstanceOfSatisfying(Reservation.Rejected.class, rejected -> {
            assertThat(rejected.reservation().state()).isEqualTo(Reservation.State.REJECTED);
            assertThat(rejected.rejections())
                    .extracting(
                            r -> r.line().sku(),
                            Reservation.LineRejection::reason,
                            Reservation.LineRejection::available)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    TABLE, Reservation.RejectionReason.INSUFFICIENT_STOCK, 1),
                            org.assertj.core.groups.Tuple.tuple(LAMP, Reservation.RejectionReason.UNKNOWN_SKU, 0));
        });
    }

    @Test
    void inactiveProductsCannotBeReserved() {
        Reservation.Outcome outcome =
                Reservation.attempt("o-3", List.of(new ReservationLine(CHAIR, 1)), EXPIRES, shelf(), Set.of(CHAIR));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Reservation.Rejected.class,
                        rejected -> assertThat(rejected.rejections().get(0).reason())
                                .isEqualTo(Reservation.RejectionReason.INACTIVE_PRODUCT));
    }

    @Test
    void aHeldReservationIsConfirmedOrReleasedAndBothAreIdempotent() {
        Reservation held =
                new Reservation("o-4", List.of(new ReservationLine(CHAIR, 1)), Reservation.State.HELD, EXPIRES);

        Reservation.Transition confirmed = held.confirm();
        Reservation.Transition released = held.release(Reservation.ReleaseReason.ORDER_EXPIRED);

        assertThat(confirmed.reservation().state()).isEqualTo(Reservation.State.CONFIRMED);
        assertThat(confirmed.events()).containsExactly(new ReservationEvent.Committed(confirmed.reservation()));
        assertThat(confirmed.reservation().confirm().changed())
                .as("confirmed twice")
                .isFalse();
        assertThat(released.reservation().state()).isEqualTo(Reservation.State.RELEASED);
        assertThat(released.events())
                .containsExactly(new ReservationEvent.Released(
                        released.reservation(), Reservation.ReleaseReason.ORDER_EXPIRED, false));
        assertThat(released.reservation()
                        .release(Reservation.ReleaseReason.ORDER_EXPIRED)
                        .changed())
                .as("released twice")
                .isFalse();
        Reservation.Transition lateRelease = confirmed.reservation().release(Reservation.ReleaseReason.ORDER_EXPIRED);
        assertThat(lateRelease.reservation().state()).isEqualTo(Reservation.State.CONFIRMED);
        assertThat(lateRelease.events()).isEmpty();
        assertThatThrownBy(() -> released.reservation().confirm()).isInstanceOf(DomainException.class);
    }

    @Test
    void onlyAConfirmedReservationGivesItsSoldUnitsBackAndOnlyOnce() {
        Reservation held =
                new Reservation("o-6", List.of(new ReservationLine(CHAIR, 1)), Reservation.State.HELD, EXPIRES);

        Reservation.Transition returned = held.confirm().reservation().returnSold();

        assertThat(returned.reservation().state()).isEqualTo(Reservation.State.RELEASED);
        assertThat(returned.events())
                .containsExactly(new ReservationEvent.Released(
                        returned.reservation(), Reservation.ReleaseReason.ORDER_CANCELLED, true));
        assertThat(returned.reservation().returnSold().changed()).isFalse();
        assertThat(held.returnSold().reservation().state()).isEqualTo(Reservation.State.HELD);
        assertThat(held.returnSold().events()).isEmpty();
    }

    @Test
    void aReservationNamesEachProductOnce() {
        assertThatThrownBy(() -> new Reservation(
                        "o-5",
                        List.of(new ReservationLine(CHAIR, 1), new ReservationLine(CHAIR, 2)),
                        Reservation.State.HELD,
                        EXPIRES))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("duplicate-sku"));
    }
}
