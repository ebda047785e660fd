package dev.storefront.order.application;

import dev.storefront.order.application.port.in.PlaceOrderUseCase.PlaceOrder;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.application.port.out.OrderEvents;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.Transition;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The one transaction of checkout: claim the idempotency key, store the order, append {@code OrderPlaced}. The claim
 * comes first: a concurrent request with the same key blocks on it until this transaction ends, then finds the key
 * taken and answers as a repeat, so ten concurrent requests make one order and one event.
 */
@Singleton
public class CheckoutTransaction {

    private final IdempotencyKeys keys;
    private final Orders orders;
    private final OrderEvents events;

    public CheckoutTransaction(IdempotencyKeys keys, Orders orders, OrderEvents events) {
        this.keys = keys;
        this.orders = orders;
        this.events = events;
    }

    /** @return empty if this request placed the order; otherwise the claim of the request that came first */
    @Transactional
    public Optional<IdempotencyKeys.Claimed> record(
            PlaceOrder command, Transition placed, Instant now, Instant keepKeyUntil) {
        if (!keys.claim(
                command.customer(),
                command.idempotencyKey(),
                command.fingerprint(),
                placed.order().id(),
                now,
                keepKeyUntil)) {
            return Optional.of(keys.find(command.customer(), command.idempotencyKey())
                    .orElseThrow(() -> new IllegalStateException("a taken idempotency key vanished")));
        }
        orders.add(placed.order());
        events.publish(placed.events());
        return Optional.empty();
    }
}
