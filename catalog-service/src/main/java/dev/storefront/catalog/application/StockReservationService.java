package dev.storefront.catalog.application;

import dev.storefront.catalog.application.port.in.ReserveStockUseCase;
import dev.storefront.catalog.application.port.out.Products;
import dev.storefront.catalog.application.port.out.ReservationEvents;
import dev.storefront.catalog.application.port.out.Reservations;
import dev.storefront.catalog.application.port.out.Stocks;
import dev.storefront.catalog.domain.Reservation;
import dev.storefront.catalog.domain.ReservationLine;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.Sku;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves stock for orders without ever overselling: the stock rows of an order are locked (in sku order) for the
 * whole decision, so concurrent orders for the same units decide one after another, and the database's checks refuse
 * anything negative should a bug slip through. What the reservation decides to announce (reserved, rejected, committed,
 * released) goes to the outbox in the same transaction.
 */
@Singleton
public class StockReservationService implements ReserveStockUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(StockReservationService.class);

    private final Stocks stocks;
    private final Products products;
    private final Reservations reservations;
    private final ReservationEvents events;

    public StockReservationService(
            Stocks stocks, Products products, Reservations reservations, ReservationEvents events) {
        this.stocks = stocks;
        this.products = products;
        this.reservations = reservations;
        this.events = events;
    }

    @Override
    @Transactional
    public void reserve(ReserveStock command) {
        if (reservations.lock(command.orderId()).isPresent()) {
            LOG.debug("Order {} was already answered", command.orderId());
            return;
        }
        if (reservations.endedBeforeReserved(command.orderId())) {
            LOG.warn("Order {} was cancelled or expired before it was reserved; not reserving", command.orderId());
            return;
        }
        Set<Sku> skus = command.lines().stream().map(ReservationLine::sku).collect(Collectors.toSet());
        Map<Sku, Stock> locked = stocks.lock(skus);
        Set<Sku> inactive = products.inactiveAmong(locked.keySet());
        Reservation.Outcome outcome =
                Reservation.attempt(command.orderId(), command.lines(), command.expiresAt(), locked, inactive);
        if (outcome instanceof Reservation.Reserved reserved) {
            reserved.changedStock().forEach(stocks::save);
        }
        reservations.add(outcome.reservation());
        events.publish(outcome.events());
    }

    @Override
    @Transactional
    public void confirm(String orderId) {
        Optional<Reservation> found = reservations.lock(orderId);
        if (found.isEmpty() || !found.get().isHeld()) {
            return;
        }
        Reservation reservation = found.get();
        Map<Sku, Stock> locked = stocks.lock(skusOf(reservation));
        for (ReservationLine line : reservation.lines()) {
            stocks.save(locked.get(line.sku()).commit(line.quantity()));
        }
        apply(reservation.confirm());
    }

    @Override
    @Transactional
    public void release(String orderId) {
        releaseHeld(orderId, Reservation.ReleaseReason.ORDER_EXPIRED);
    }

    @Override
    @Transactional
    public List<String> heldPast(Instant cutoff, int limit) {
        return reservations.heldPast(cutoff, limit);
    }

    @Override
    @Transactional
    public void releaseOverdue(String orderId) {
        Optional<Reservation> found = reservations.lock(orderId);
        if (found.isPresent() && found.get().isHeld()) {
            LOG.warn(
                    "Releasing the reservation of order {}: held past its deadline ({}) with no answer",
                    orderId,
                    found.get().expiresAt());
            releaseHeld(orderId, Reservation.ReleaseReason.ORDER_EXPIRED);
        }
    }

    private void releaseHeld(String orderId, Reservation.ReleaseReason reason) {
        Optional<Reservation> found = reservations.lock(orderId);
        if (found.isEmpty()) {
            // The end of the order arrived first: remember it, so a late reserve does not hold units forever.
            reservations.recordEndedBeforeReserved(orderId, reason);
            return;
        }
        if (!found.get().isHeld()) {
            return;
        }
        Reservation reservation = found.get();
        Map<Sku, Stock> locked = stocks.lock(skusOf(reservation));
        for (ReservationLine line : reservation.lines()) {
            stocks.save(locked.get(line.sku()).release(line.quantity()));
        }
        apply(reservation.release(reason));
    }

    @Override
    @Transactional
    public void cancel(String orderId) {
        Optional<Reservation> found = reservations.lock(orderId);
        if (found.isPresent() && found.get().isConfirmed()) {
            Reservation reservation = found.get();
            Map<Sku, Stock> locked = stocks.lock(skusOf(reservation));
            for (ReservationLine line : reservation.lines()) {
                stocks.save(locked.get(line.sku()).putBack(line.quantity()));
            }
            apply(reservation.returnSold());
            return;
        }
        releaseHeld(orderId, Reservation.ReleaseReason.ORDER_CANCELLED);
    }

    /** Stores the reservation a transition produced and announces what it decided, in this transaction. */
    private void apply(Reservation.Transition transition) {
        reservations.updateState(transition.reservation());
        events.publish(transition.events());
    }

    private static Set<Sku> skusOf(Reservation reservation) {
        return reservation.lines().stream().map(ReservationLine::sku).collect(Collectors.toSet());
    }
}
