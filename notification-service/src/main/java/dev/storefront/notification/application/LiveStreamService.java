package dev.storefront.notification.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.notification.application.port.in.LivePushUseCase;
import dev.storefront.notification.application.port.in.MaintainStreamsUseCase;
import dev.storefront.notification.application.port.in.StreamNotificationsUseCase;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Notification;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's open streams. A stream never receives a notification from the push itself: an announcement (or a
 * heartbeat, or a poll while the fan-out is down) only makes it fetch, from Postgres, what its customer has above the
 * last sequence number it delivered. Sequence numbers follow commit order per customer, so every stream gets every
 * notification once and in order, whether the announcement came, came twice or was lost.
 */
@Singleton
public class LiveStreamService implements StreamNotificationsUseCase, LivePushUseCase, MaintainStreamsUseCase {

    /**
     * @param perCustomer open streams one customer may hold on one instance (tabs, devices)
     * @param perInstance open streams one instance holds in all
     * @param batch notifications fetched per query while catching a stream up
     * @param concurrentFetches catch-ups that may query at once; the rest wait their turn, so that thousands of
     *     streams never contend for the connection pool together
     */
    public record Limits(int perCustomer, int perInstance, int batch, int concurrentFetches) {
        public Limits {
            if (perCustomer < 1 || perInstance < 1 || batch < 1 || concurrentFetches < 1) {
                throw new IllegalArgumentException("limits must be positive: " + perCustomer + ", " + perInstance);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreamService.class);

    private final Notifications notifications;
    private final Limits limits;
    private final Executor executor;
    private final ConcurrentHashMap<CustomerId, Set<OpenStream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean pushed = new AtomicBoolean();
    private final Semaphore fetches;

    /** Customers whose latest sequence numbers one heartbeat query asks for. */
    private static final int CHECK_CHUNK = 500;

    public LiveStreamService(Notifications notifications, Limits limits, @Named("blocking") Executor executor) {
        this.notifications = notifications;
        this.limits = limits;
        this.executor = executor;
        this.fetches = new Semaphore(limits.concurrentFetches());
    }

    @Override
    public Stream open(CustomerId customer, Optional<UUID> lastSeen, Listener listener) {
        if (open.incrementAndGet() > limits.perInstance()) {
            open.decrementAndGet();
            throw tooMany("this instance holds its maximum of " + limits.perInstance() + " streams");
        }
        OpenStream stream;
        try {
            long start = lastSeen.flatMap(id -> {
                        var sequence = notifications.sequenceOf(customer, id);
                        return sequence.isPresent() ? Optional.of(sequence.getAsLong()) : Optional.<Long>empty();
                    })
                    .orElseGet(() -> notifications.latestSequence(customer));
            stream = new OpenStream(customer, listener, start);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        AtomicBoolean admitted = new AtomicBoolean();
        streams.compute(customer, (key, set) -> {
            Set<OpenStream> held = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (held.size() < limits.perCustomer()) {
                held.add(stream);
                admitted.set(true);
            }
            return held;
        });
        if (!admitted.get()) {
            open.decrementAndGet();
            throw tooMany("a customer may hold " + limits.perCustomer() + " streams at once");
        }
        stream.status(pushed.get());
        stream.catchUp();
        return stream;
    }

    private static DomainException tooMany(String message) {
        return new DomainException(DomainException.Kind.LIMITED, "too-many-streams", message);
    }

    @Override
    public void announced(CustomerId customer) {
        Set<OpenStream> held = streams.get(customer);
        if (held != null) {
            held.forEach(OpenStream::catchUp);
        }
    }

    @Override
    public void pushAvailable() {
        if (!pushed.getAndSet(true)) {
            each(stream -> {
                stream.status(true);
                stream.catchUp();
            });
        }
    }

    @Override
    public void pushLost() {
        if (pushed.getAndSet(false)) {
            each(stream -> stream.status(false));
        }
    }

    @Override
    public void heartbeat() {
        each(OpenStream::heartbeat);
        catchUpThoseBehind();
    }

    @Override
    public void pollWhileDegraded() {
        if (!pushed.get()) {
            catchUpThoseBehind();
        }
    }

    /**
     * One query per {@value #CHECK_CHUNK} customers with open streams finds each one's latest sequence number; only
     * the streams behind it fetch. A heartbeat over thousands of idle streams costs a few queries, not thousands.
     */
    private void catchUpThoseBehind() {
        List<CustomerId> customers = List.copyOf(streams.keySet());
        for (int from = 0; from < customers.size(); from += CHECK_CHUNK) {
            List<CustomerId> chunk = customers.subList(from, Math.min(from + CHECK_CHUNK, customers.size()));
            java.util.Map<CustomerId, Long> latest;
            try {
                latest = notifications.latestSequences(chunk);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Could not check {} customers' streams for missed notifications: {}",
                        chunk.size(),
                        e.toString());
                continue;
            }
            for (CustomerId customer : chunk) {
                long newest = latest.getOrDefault(customer, 0L);
                Set<OpenStream> held = streams.get(customer);
                if (held != null) {
                    held.stream().filter(stream -> stream.behind(newest)).forEach(OpenStream::catchUp);
                }
            }
        }
    }

    @Override
    public void closeAll() {
        each(OpenStream::end);
    }

    @Override
    public int openStreams() {
        return open.get();
    }

    @Override
    public boolean pushed() {
        return pushed.get();
    }

    private void each(java.util.function.Consumer<OpenStream> action) {
        streams.values().forEach(held -> held.forEach(action));
    }

    /** One open stream; every call to its listener is made while holding the stream's lock, so one at a time. */
    private final class OpenStream implements Stream {

        private final CustomerId customer;
        private final Listener listener;
        private final AtomicInteger wanted = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile long delivered;

        OpenStream(CustomerId customer, Listener listener, long delivered) {
            this.customer = customer;
            this.listener = listener;
            this.delivered = delivered;
        }

        /** Fetches what is new, on the executor; requests while a fetch runs fold into one more round. */
        void catchUp() {
            if (!closed.get() && wanted.getAndIncrement() == 0) {
                executor.execute(this::drain);
            }
        }

        private void drain() {
            int missed = wanted.get();
            while (true) {
                try {
                    fetchAll();
                } catch (RuntimeException e) {
                    // The next announcement, heartbeat or poll tries again from the same sequence number.
                    LOG.warn("Could not catch a stream of {} up: {}", customer, e.toString());
                }
                missed = wanted.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        boolean behind(long newest) {
            return !closed.get() && delivered < newest;
        }

        private void fetchAll() {
            fetches.acquireUninterruptibly();
            try {
                fetchEverything();
            } finally {
                fetches.release();
            }
        }

        private void fetchEverything() {
            List<Notification> batch;
            do {
                batch = notifications.after(customer, delivered, limits.batch());
                for (Notification notification : batch) {
                    synchronized (this) {
                        if (closed.get()) {
                            return;
                        }
                        if (notification.sequence() > delivered) {
                            listener.notification(notification);
                            delivered = notification.sequence();
                        }
                    }
                }
            } while (batch.size() == limits.batch());
        }

        synchronized void heartbeat() {
            if (!closed.get()) {
                listener.heartbeat();
            }
        }

        synchronized void status(boolean live) {
            if (!closed.get()) {
                listener.live(live);
            }
        }

        synchronized void end() {
            if (release()) {
                listener.closed();
            }
        }

        @Override
        public void close() {
            release();
        }

        private boolean release() {
            if (!closed.compareAndSet(false, true)) {
                return false;
            }
            streams.computeIfPresent(customer, (key, held) -> {
                held.remove(this);
                return held.isEmpty() ? null : held;
            });
            open.decrementAndGet();
            return true;
        }
    }
}
