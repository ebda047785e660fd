package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.application.port.in.ManageDeliveriesUseCase;
import dev.storefront.notification.domain.DeliveryState;
import dev.storefront.platform.security.Roles;
import dev.storefront.platform.web.OpenApiRefs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The operator's view of deliveries: parked ones (state FAILED) with their last error, and retrying them. Rate-limited
 * per operator by the {@code operator-reads} and {@code operator-writes} rules.
 */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/admin/notifications/deliveries")
@Secured(Roles.ADMIN)
@Tag(name = "delivery administration", description = "Operators: deliveries by state, and retrying parked ones.")
@SecurityRequirement(name = ApiDocs.BEARER_ADMIN)
@ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.TOO_MANY_REQUESTS)
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class AdminDeliveryController {

    private final ManageDeliveriesUseCase deliveries;

    AdminDeliveryController(ManageDeliveriesUseCase deliveries) {
        this.deliveries = deliveries;
    }

    /** Deliveries in one state (FAILED by default), most recently changed first. */
    @Get
    @Operation(operationId = "listDeliveriesInState")
    @ApiResponse(
            responseCode = "200",
            description = "Up to limit deliveries in the state, most recently changed first.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array =
                                    @ArraySchema(
                                            maxItems = PageSize.MAX,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    NotificationDtos.AdminDeliveryResponse.class))))
    List<NotificationDtos.AdminDeliveryResponse> inState(
            @Parameter(
                            description = "a delivery state (PENDING, SENT, FAILED), in any case; FAILED when absent",
                            schema = @Schema(maxLength = 7, pattern = "^[A-Za-z]+$", defaultValue = "FAILED"))
                    @Nullable
                    @QueryValue
                    String state,
            @Parameter(
                            description = "how many, 20 when absent",
                            schema = @Schema(minimum = "1", maximum = "" + PageSize.MAX, defaultValue = "20"))
                    @Nullable
                    @QueryValue
                    Integer limit) {
        PageSize size = limit == null ? PageSize.ofDefault() : new PageSize(limit);
        return deliveries.inState(state(state), size.value()).stream()
                .map(NotificationDtos.AdminDeliveryResponse::of)
                .toList();
    }

    /** How many deliveries are in each state; every state is present, 0 when none is in it. */
    @Get("/counts")
    @Operation(operationId = "countDeliveriesByState")
    @ApiResponse(
            responseCode = "200",
            description = "The number of deliveries per state.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NotificationDtos.DeliveryCountsResponse.class)))
    Map<DeliveryState, Long> counts() {
        return deliveries.counts();
    }

    /** Sends a parked (FAILED) delivery again, with a fresh set of attempts; it is PENDING and due at once. */
    @Post("/{id}/retry")
    @Operation(operationId = "retryDelivery")
    @ApiResponse(
            responseCode = "200",
            description = "The delivery, PENDING again.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NotificationDtos.AdminDeliveryResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(
            responseCode = "409",
            ref = OpenApiRefs.CONFLICT,
            description = "conflict, code delivery-not-parked: the delivery is PENDING or SENT.")
    NotificationDtos.AdminDeliveryResponse retry(
            @Parameter(
                            description = "the delivery's id",
                            schema = @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH))
                    @PathVariable
                    String id) {
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
