package dev.storefront.notification.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of notification.notifications. */
@MappedEntity("notifications")
record NotificationRow(@Id UUID id, String customerId, String kind, String message, Instant createdAt) {}
