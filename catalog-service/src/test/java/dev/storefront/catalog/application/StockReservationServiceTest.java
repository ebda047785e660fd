package dev.storefront.catalog.application;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.storefront.catalog.application.port.in.ReserveStockUseCase.ReserveStock;
import dev.storefront.catalog.application.port.out.Products;
import dev.storefront.catalog.application.port.out.ReservationEvents;
import dev.storefront.catalog.application.port.out.Reservations;
import dev.storefront.catalog.application.port.out.Stocks;
import dev.storefront.catalog.domain.Reservation;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InjectMocks;
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

    @Mock
    ReservationEvents events;

    @InjectMocks
    StockReservationService service;

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
        verify(events).reserved(any(Reservation.class));
        verify(events, never()).rejected(any(), anyList());
    }

    @Test
    void anOrderBeyondTheStockChangesNothingAndIsAnnouncedAsRejected() {
        when(reservations.lock("o-2")).thenReturn(Optional.empty());
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 4)));
        when(products.inactiveAmong(Set.of(CHAIR))).thenReturn(Set.of());

        service.reserve(order("o-2", 2));

        verify(stocks, never()).save(any());
        verify(events).rejected(any(Reservation.class), anyList());
    }

    @Test
    void anOrderAlreadyAnsweredIsNotAnsweredTwice() {
        when(reservations.lock("o-3"))
                .thenReturn(Optional.of(new Reservation(
                        "o-3", List.of(new ReservationLine(CHAIR, 1)), Reservation.State.HELD, EXPIRES)));

        service.reserve(order("o-3", 1));

        verify(stocks, never()).lock(any());
        verify(events, never()).reserved(any());
    }

    @Test
    void releasingAHeldReservationGivesTheUnitsBack() {
        when(reservations.lock("o-4"))
                .thenReturn(Optional.of(new Reservation(
                        "o-4", List.of(new ReservationLine(CHAIR, 2)), Reservation.State.HELD, EXPIRES)));
        when(stocks.lock(Set.of(CHAIR))).thenReturn(Map.of(CHAIR, new Stock(CHAIR, 5, 2)));

        service.release("o-4");

        verify(stocks).save(new Stock(CHAIR, 5, 0));
    }
}
