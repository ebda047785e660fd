package dev.storefront.notification.adapter.out.persistence;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Notification;
import jakarta.inject.Singleton;
import java.util.List;

/** Keeps notifications in Postgres (schema notification). */
@Singleton
class NotificationJdbcAdapter implements Notifications {

    private final NotificationJdbcRepository repository;

    NotificationJdbcAdapter(NotificationJdbcRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Notification> newestOf(CustomerId customer, int limit) {
        return repository.newestOf(customer.value(), limit).stream()
                .map(row -> new Notification(
                        row.id(), CustomerId.of(row.customerId()), row.kind(), row.message(), row.createdAt()))
                .toList();
    }
}
