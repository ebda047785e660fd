package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.application.port.in.ManageDeliveriesUseCase;
import dev.storefront.notification.domain.DeliveryState;
import dev.storefront.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The operator's view of deliveries: parked ones (state FAILED) with their last error, and retrying them. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/admin/notifications/deliveries")
@Secured(Roles.ADMIN)
class AdminDeliveryController {

    private final ManageDeliveriesUseCase deliveries;

    AdminDeliveryController(ManageDeliveriesUseCase deliveries) {
        this.deliveries = deliveries;
    }

    /** Deliveries in one state (FAILED by default), most recently changed first. */
    @Get
    List<NotificationDtos.AdminDeliveryResponse> inState(
            @Nullable @QueryValue String state, @Nullable @QueryValue Integer limit) {
        PageSize size = limit == null ? PageSize.ofDefault() : new PageSize(limit);
        return deliveries.inState(state(state), size.value()).stream()
                .map(NotificationDtos.AdminDeliveryResponse::of)
                .toList();
    }

    /** How many deliveries are in each state. */
    @Get("/counts")
    Map<DeliveryState, Long> counts() {
        return deliveries.counts();
    }

    /** Sends a parked delivery again, with a fresh set of attempts. */
    @Post("/{id}/retry")
    NotificationDtos.AdminDeliveryResponse retry(@PathVariable String id) {
        UUID delivery;
        try {
            delivery = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("delivery-not-found", "no delivery " + id);
        }
        return NotificationDtos.AdminDeliveryResponse.of(deliveries.retry(delivery));
    }

    private static DeliveryState state(String text) {
        if (text == null) {
            return DeliveryState.FAILED;
        }
        try {
            return DeliveryState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("invalid-state", "state is one of PENDING, SENT, FAILED");
        }
    }
}
