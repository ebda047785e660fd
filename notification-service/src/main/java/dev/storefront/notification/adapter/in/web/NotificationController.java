package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.notification.application.port.in.ListNotificationsUseCase;
import dev.storefront.notification.domain.Notification;
import dev.storefront.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer's notifications. The customer is always the verified token's subject, never a request parameter. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/api/v1/notifications")
@Secured(Roles.CUSTOMER)
class NotificationController {

    private final ListNotificationsUseCase notifications;

    NotificationController(ListNotificationsUseCase notifications) {
        this.notifications = notifications;
    }

    @Get
    List<NotificationResponse> mine(Authentication authentication, @Nullable @QueryValue Integer limit) {
        PageSize size = limit == null ? PageSize.ofDefault() : new PageSize(limit);
        return notifications.notificationsOf(CustomerId.of(authentication.getName()), size).stream()
                .map(NotificationResponse::of)
                .toList();
    }

    @Serdeable
    record NotificationResponse(UUID id, String kind, String message, Instant createdAt) {
        static NotificationResponse of(Notification notification) {
            return new NotificationResponse(
                    notification.id(), notification.kind(), notification.message(), notification.createdAt());
        }
    }
}
