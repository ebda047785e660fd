package dev.storefront.notification.application.port.in;

import dev.storefront.notification.domain.Delivery;
import dev.storefront.notification.domain.DeliveryState;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operator's view of deliveries: what is parked, and sending it again once the endpoint is fixed. */
public interface ManageDeliveriesUseCase {

    List<Delivery> inState(DeliveryState state, int limit);

    /** Sends a parked delivery again (a fresh set of attempts). Not parked: conflict; unknown: not found. */
    Delivery retry(UUID deliveryId);

    Map<DeliveryState, Long> counts();
}
