package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.application.port.in.ReadNotificationsUseCase;
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
import io.micronaut.security.authentication.Authentication;
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
class NotificationController {

    private final ReadNotificationsUseCase notifications;

    NotificationController(ReadNotificationsUseCase notifications) {
        this.notifications = notifications;
    }

    /**
     * Newest first, one page at a time: pass the {@code nextCursor} of a page to get the next one.
     *
     * @param read {@code true} for read notifications only, {@code false} for unread ones only
     */
    @Get
    NotificationDtos.NotificationPageResponse mine(
            Authentication authentication,
            @Nullable @QueryValue String read,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
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

    /** Marks the notification read; marking it again changes nothing. */
    @Post("/{id}/read")
    NotificationDtos.NotificationResponse markRead(Authentication authentication, @PathVariable String id) {
        return NotificationDtos.NotificationResponse.of(notifications.markRead(customer(authentication), uuid(id)));
    }

    /** How the notification was delivered, per channel. */
    @Get("/{id}/deliveries")
    List<NotificationDtos.DeliveryResponse> deliveries(Authentication authentication, @PathVariable String id) {
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
