package dev.storefront.notification.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** The notifications port in memory, numbering each customer's notifications as the Postgres adapter does. */
final class InMemoryNotifications implements Notifications {

    private final List<Notification> all = new ArrayList<>();
    private final java.util.Set<UUID> sources = new java.util.HashSet<>();
    private int queries;

    @Override
    public synchronized Optional<Notification> append(NewNotification n) {
        if (!sources.add(n.sourceEventId())) {
            return Optional.empty();
        }
        Notification stored = new Notification(
                n.id(),
                n.customer(),
                latestSequence(n.customer()) + 1,
                n.kind(),
                n.orderId(),
                n.subject(),
                n.body(),
                n.createdAt(),
                null);
        all.add(stored);
        return Optional.of(stored);
    }

    private List<Notification> of(CustomerId customer) {
        return all.stream().filter(n -> n.customer().equals(customer)).toList();
    }

    @Override
    public synchronized List<Notification> page(
            CustomerId customer, Optional<Boolean> read, OptionalLong before, int limit) {
        return of(customer).stream()
                .filter(n -> before.isEmpty() || n.sequence() < before.getAsLong())
                .filter(n -> read.isEmpty() || n.read() == read.get())
                .sorted(Comparator.comparingLong(Notification::sequence).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Notification> after(CustomerId customer, long sequence, int limit) {
        queries++;
        return of(customer).stream()
                .filter(n -> n.sequence() > sequence)
                .sorted(Comparator.comparingLong(Notification::sequence))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized OptionalLong sequenceOf(CustomerId customer, UUID id) {
        return of(customer).stream()
                .filter(n -> n.id().equals(id))
                .mapToLong(Notification::sequence)
                .findFirst();
    }

    @Override
    public synchronized long latestSequence(CustomerId customer) {
        return of(customer).stream().mapToLong(Notification::sequence).max().orElse(0);
    }

    @Override
    public synchronized java.util.Map<CustomerId, Long> latestSequences(java.util.Collection<CustomerId> customers) {
        queries++;
        java.util.Map<CustomerId, Long> latest = new java.util.HashMap<>();
        for (CustomerId customer : customers) {
            long newest = latestSequence(customer);
            if (newest > 0) {
                latest.put(customer, newest);
            }
        }
        return latest;
    }

    /** How often {@link #after} and {@link #latestSequences} were asked: the queries streams cost. */
    synchronized int queries() {
        return queries;
    }

    @Override
    public synchronized Optional<Notification> find(CustomerId customer, UUID id) {
        return of(customer).stream().filter(n -> n.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Optional<Notification> markRead(CustomerId customer, UUID id, Instant at) {
        for (int i = 0; i < all.size(); i++) {
            Notification n = all.get(i);
            if (n.customer().equals(customer) && n.id().equals(id)) {
                Notification read = n.read()
                        ? n
                        : new Notification(
                                n.id(),
                                n.customer(),
                                n.sequence(),
                                n.kind(),
                                n.orderId(),
                                n.subject(),
                                n.body(),
                                n.createdAt(),
                                at);
                all.set(i, read);
                return Optional.of(read);
            }
        }
        return Optional.empty();
    }
}
