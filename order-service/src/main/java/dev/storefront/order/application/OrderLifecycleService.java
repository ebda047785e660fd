package dev.storefront.order.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.order.application.port.in.CancelOrderUseCase;
import dev.storefront.order.application.port.in.MaintainOrdersUseCase;
import dev.storefront.order.application.port.in.ReactToReservationUseCase;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.application.port.out.OrderEvents;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.LineRejection;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.Transition;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves orders through their lifecycle. Every transition runs the same way: lock the order's row, let the order
 * decide, save it and hand the events it returned to the outbox in the same transaction. The lock makes transitions
 * of one order strictly sequential, so its events enter the outbox in the order they happened.
 */
@Singleton
public class OrderLifecycleService implements ReactToReservationUseCase, CancelOrderUseCase, MaintainOrdersUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLifecycleService.class);

    private final Orders orders;
    private final OrderEvents events;
    private final IdempotencyKeys keys;
    private final Clock clock;

    public OrderLifecycleService(Orders orders, OrderEvents events, IdempotencyKeys keys, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void reserved(OrderId id) {
        locked(id).ifPresent(order -> {
            Transition transition = apply(order.confirm(clock.instant()));
            if (!transition.changed()) {
                LOG.info("Reservation for order {} ignored: the order is {}", id, order.status());
            }
        });
    }

    @Override
    @Transactional
    public void rejected(OrderId id, List<LineRejection> lines) {
        locked(id).ifPresent(order -> apply(order.reject(lines, clock.instant())));
    }

    @Override
    @Transactional
    public Order cancel(CustomerId customer, OrderId id, String reason) {
        Order order = orders.lock(id)
                .filter(o -> o.belongsTo(customer))
                .orElseThrow(() -> DomainException.notFound("unknown-order", "no such order"));
        return apply(order.cancel(reason, clock.instant())).order();
    }

    @Override
    @Transactional
    public int expireOverdue(int limit) {
        Instant now = clock.instant();
        int expired = 0;
        for (OrderId id : orders.lockOverdue(now, limit)) {
            Optional<Order> order = orders.lock(id);
            if (order.isPresent() && order.get().isOverdue(now)) {
                apply(order.get().expire(now));
                expired++;
            }
        }
        return expired;
    }

    @Override
    @Transactional
    public int forgetExpiredIdempotencyKeys() {
        return keys.forgetExpired(clock.instant());
    }

    private Optional<Order> locked(OrderId id) {
        Optional<Order> order = orders.lock(id);
        if (order.isEmpty()) {
            // Another deployment's order on a shared topic, or one whose placement never committed here.
            LOG.warn("Reservation answer for unknown order {} ignored", id);
        }
        return order;
    }

    private Transition apply(Transition transition) {
        if (transition.changed()) {
            orders.update(transition.order());
            events.publish(transition.events());
        }
        return transition;
    }
}
