package dev.storefront.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.storefront.catalog.application.port.in.ReserveStockUseCase.ReserveStock;
import dev.storefront.catalog.application.port.out.Products;
import dev.storefront.catalog.application.port.out.ReservationEvents;
import dev.storefront.catalog.application.port.out.Reservations;
import dev.storefront.catalog.application.port.out.Stocks;
import dev.storefront.catalog.domain.Reservation;
import dev.storefront.catalog.domain.ReservationEvent;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class StockReservationServiceTest {

    private static final Sku CHAIR = Sku.of("CHAIR-1");
    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    @Mock
    Stocks stocks;

    @Mock
    Products products;

    @Mock
    Reservations reservations;

    /** A real fake of the outgoing port: what was handed to the outbox, in order. */
    static final class PublishedEvents implements ReservationEvents {
        final List<ReservationEvent> published = new ArrayList<>();

        @Override
        public void publish(List<ReservationEvent> events) {
            published.addAll(events);
        }
    }

    final PublishedEvents events = new PublishedEvents();

    StockReservationService service;

    @BeforeEach
    void wire() {
        service = new StockReservationService(stocks, products, reservations, events);
    }

    private static Reservation reservation(String id, int quantity, Reservation.State state) {
        return new Reservation(id, List.of(new ReservationLine(CHAIR, quantity)), state, EXPIRES);
    }

    private ReserveStock order(String id, int quantity) {
        return new ReserveStock(id, List.of(new ReservationLine(CHAIR, quantity)), EXPIRES);
    }

    @Test
    void aReservableOrderHoldsTheStockAndAnnouncesIt() {
        when(reservations.lock("o-1")).thenReturn(Optional.empty());
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 0)));
        when(products.inactiveAmong(Set.of(CHAIR))).thenReturn(Set.of());

        service.reserve(order("o-1", 2));

        verify(stocks).save(new Stock(CHAIR, 5, 2));
        assertThat(events.published).singleElement().isInstanceOf(ReservationEvent.Reserved.class);
    }

    @Test
    void anOrderBeyondTheStockChangesNothingAndIsAnnouncedAsRejected() {
        when(reservations.lock("o-2")).thenReturn(Optional.empty());
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 4)));
        when(products.inactiveAmong(Set.of(CHAIR))).thenReturn(Set.of());

        service.reserve(order("o-2", 2));

        verify(stocks, never()).save(any());
        // The refusal is recorded, so a redelivered OrderPlaced is answered the same way and reserves nothing.
        verify(reservations).add(reservation("o-2", 2, Reservation.State.REJECTED));
        assertThat(events.published)
                .singleElement()
                .isInstanceOfSatisfying(
                        ReservationEvent.Rejected.class,
                        rejected -> assertThat(rejected.rejections())
                                .extracting(Reservation.LineRejection::reason)
                                .containsExactly(Reservation.RejectionReason.INSUFFICIENT_STOCK));
    }

    @Test
    void anOrderAlreadyAnsweredIsNotAnsweredTwice() {
        when(reservations.lock("o-3"))
                .thenReturn(Optional.of(new Reservation(
                        "o-3", List.of(new ReservationLine(CHAIR, 1)), Reservation.State.HELD, EXPIRES)));

        service.reserve(order("o-3", 1));

        verify(stocks, never()).lock(any());
        assertThat(events.published).isEmpty();
    }

    @Test
    void releasingAHeldReservationGivesTheUnitsBack() {
        when(reservations.lock("o-4"))
                .thenReturn(Optional.of(new Reservation(
                        "o-4", List.of(new ReservationLine(CHAIR, 2)), Reservation.State.HELD, EXPIRES)));
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 2)));

        service.release("o-4");

        verify(stocks).save(new Stock(CHAIR, 5, 0));
        verify(reservations).updateState(reservation("o-4", 2, Reservation.State.RELEASED));
        assertThat(events.published)
                .singleElement()
                .isEqualTo(new ReservationEvent.Released(
                        reservation("o-4", 2, Reservation.State.RELEASED),
                        Reservation.ReleaseReason.ORDER_EXPIRED,
                        false));
    }

    @Test
    void confirmingAHeldReservationSellsTheUnitsAndAnnouncesTheCommitOnce() {
        when(reservations.lock("o-5"))
                .thenReturn(Optional.of(reservation("o-5", 2, Reservation.State.HELD)))
                .thenReturn(Optional.of(reservation("o-5", 2, Reservation.State.CONFIRMED)));
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 2)));

        service.confirm("o-5");
        service.confirm("o-5");

        verify(stocks).save(new Stock(CHAIR, 3, 0));
        verify(reservations).updateState(reservation("o-5", 2, Reservation.State.CONFIRMED));
        assertThat(events.published)
                .containsExactly(new ReservationEvent.Committed(reservation("o-5", 2, Reservation.State.CONFIRMED)));
    }

    @Test
    void cancellingAConfirmedOrderPutsTheSoldUnitsBackAndSaysTheyWereRestocked() {
        when(reservations.lock("o-6")).thenReturn(Optional.of(reservation("o-6", 2, Reservation.State.CONFIRMED)));
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 3, 0)));

        service.cancel("o-6");

        verify(stocks).save(new Stock(CHAIR, 5, 0));
        verify(reservations).updateState(reservation("o-6", 2, Reservation.State.RELEASED));
        assertThat(events.published)
                .containsExactly(new ReservationEvent.Released(
                        reservation("o-6", 2, Reservation.State.RELEASED),
                        Reservation.ReleaseReason.ORDER_CANCELLED,
                        true));
    }

    @Test
    void cancellingAHeldOrderLiftsTheHold() {
        when(reservations.lock("o-7")).thenReturn(Optional.of(reservation("o-7", 2, Reservation.State.HELD)));
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 2)));

        service.cancel("o-7");

        verify(stocks).save(new Stock(CHAIR, 5, 0));
        assertThat(events.published)
                .containsExactly(new ReservationEvent.Released(
                        reservation("o-7", 2, Reservation.State.RELEASED),
                        Reservation.ReleaseReason.ORDER_CANCELLED,
                        false));
    }
}
