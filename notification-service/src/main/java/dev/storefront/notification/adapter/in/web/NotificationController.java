package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.application.port.in.ReadNotificationsUseCase;
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
import io.micronaut.security.authentication.Authentication;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A customer's notifications. The customer is always the verified token's subject, never a request parameter; another
 * customer's notification is "not found".
 */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/api/v1/notifications")
@Secured(Roles.CUSTOMER)
@Tag(name = "notifications", description = "A customer's notifications about their orders, and how each was delivered.")
@SecurityRequirement(name = ApiDocs.BEARER)
@ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.TOO_MANY_REQUESTS)
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class NotificationController {

    private final ReadNotificationsUseCase notifications;

    NotificationController(ReadNotificationsUseCase notifications) {
        this.notifications = notifications;
    }

    /**
     * The token's customer's notifications, newest first, one page at a time: pass the {@code nextCursor} of a page to
     * get the next one.
     *
     * @param read {@code true} for read notifications only, {@code false} for unread ones only
     */
    @Get
    @Operation(operationId = "listNotifications")
    @ApiResponse(
            responseCode = "200",
            description = "A page of notifications; nextCursor fetches the next one.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NotificationDtos.NotificationPageResponse.class)))
    NotificationDtos.NotificationPageResponse mine(
            Authentication authentication,
            @Parameter(
                            description =
                                    "true for read notifications only, false for unread ones only, in any case; all when absent",
                            schema = @Schema(maxLength = 5, pattern = "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"))
                    @Nullable
                    @QueryValue
                    String read,
            @Parameter(
                            description = "nextCursor of the previous page",
                            schema = @Schema(maxLength = ApiDocs.CURSOR_MAX_LENGTH, pattern = ApiDocs.CURSOR_PATTERN))
                    @Nullable
                    @QueryValue
                    String cursor,
            @Parameter(
                            description = "page size, 20 when absent",
                            schema = @Schema(minimum = "1", maximum = "" + PageSize.MAX, defaultValue = "20"))
                    @Nullable
                    @QueryValue
                    Integer limit) {
        PageSize size = limit == null ? PageSize.ofDefault() : new PageSize(limit);
        OptionalLong before =
                cursor == null ? OptionalLong.empty() : OptionalLong.of(NotificationCursors.decode(cursor));
        ReadNotificationsUseCase.NotificationPage page = notifications.notificationsOf(
                new ReadNotificationsUseCase.Query(customer(authentication), readFilter(read), before, size));
        return new NotificationDtos.NotificationPageResponse(
                page.items().stream()
                        .map(NotificationDtos.NotificationResponse::of)
                        .toList(),
                page.next().isPresent() ? NotificationCursors.encode(page.next().getAsLong()) : null);
    }

    /** Marks one of the token's customer's notifications read; marking it again changes nothing. */
    @Post("/{id}/read")
    @Operation(operationId = "markNotificationRead")
    @ApiResponse(
            responseCode = "200",
            description = "The notification, read.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NotificationDtos.NotificationResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    NotificationDtos.NotificationResponse markRead(
            Authentication authentication,
            @Parameter(
                            description = "the notification's id; another customer's is not found",
                            schema = @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH))
                    @PathVariable
                    String id) {
        return NotificationDtos.NotificationResponse.of(notifications.markRead(customer(authentication), uuid(id)));
    }

    /** How one of the token's customer's notifications was delivered: one entry per channel. */
    @Get("/{id}/deliveries")
    @Operation(operationId = "listNotificationDeliveries")
    @ApiResponse(
            responseCode = "200",
            description = "The notification's deliveries, one per channel.",
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
                                            maxItems = ApiDocs.CHANNELS,
                                            schema =
                                                    @Schema(implementation = NotificationDtos.DeliveryResponse.class))))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    List<NotificationDtos.DeliveryResponse> deliveries(
            Authentication authentication,
            @Parameter(
                            description = "the notification's id; another customer's is not found",
                            schema = @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH))
                    @PathVariable
                    String id) {
        return notifications.deliveriesOf(customer(authentication), uuid(id)).stream()
                .map(NotificationDtos.DeliveryResponse::of)
                .toList();
    }

    static CustomerId customer(Authentication authentication) {
        return CustomerId.of(authentication.getName());
    }

    /** An id that cannot be a notification's is "not found", like any other notification the caller does not own. */
    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("notification-not-found", "no notification " + id);
        }
    }

    private static Optional<Boolean> readFilter(String read) {
        if (read == null) {
            return Optional.empty();
        }
        return switch (read.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw DomainException.invalid("invalid-read-filter", "read is true or false");
        };
    }
}
