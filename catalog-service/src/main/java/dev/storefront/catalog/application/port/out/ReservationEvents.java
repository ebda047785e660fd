package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.ReservationEvent;
import java.util.List;

/** Announces what happened to reservations, in the caller's transaction (the outbox), in the order given. */
public interface ReservationEvents {

    void publish(List<ReservationEvent> events);
}
