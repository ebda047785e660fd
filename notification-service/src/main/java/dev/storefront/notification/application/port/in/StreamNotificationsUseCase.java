package dev.storefront.notification.application.port.in;

import dev.storefront.kernel.CustomerId;
import dev.storefront.notification.domain.Notification;
import java.util.Optional;
import java.util.UUID;

/**
 * Live streams of a customer's new notifications. Each notification reaches each open stream of its customer once, in
 * the order they were committed, whichever instance holds the stream.
 */
public interface StreamNotificationsUseCase {

    /** What an open stream receives; called from any thread, one call at a time per stream. */
    interface Listener {

        void notification(Notification notification);

        /** Nothing new: keeps the connection alive through proxies that close idle ones. */
        void heartbeat();

        /** Whether new notifications are pushed at once ({@code true}) or found by polling (Redis is away). */
        void live(boolean pushed);

        /** The stream ends (the service shuts down); the client should reconnect with its last event id. */
        void closed();
    }

    /** An open stream; closing it (the client went away) frees its place. */
    interface Stream extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Opens a stream for {@code customer}. With {@code lastSeen} (the id of the last notification the client received)
     * everything committed after it is delivered first; without it, or with an id the customer does not own, only
     * what comes from now on. Refused ({@code too-many-streams}, limited) beyond the streams allowed per customer or
     * per instance.
     */
    Stream open(CustomerId customer, Optional<UUID> lastSeen, Listener listener);
}
