package dev.storefront.kernel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Collapses concurrent loads of the same key into one: the first caller runs the loader, the others wait for its
 * result, at most {@code maxWait}: a waiter whose leader takes longer runs the loader itself rather than wait without a
 * bound. Stops a cache stampede (many readers of one expired hot entry) from becoming many database queries.
 */
public final class SingleFlight<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong collapsed = new AtomicLong();
    private final AtomicLong waitsExceeded = new AtomicLong();
    private final Duration maxWait;

    /** Waiters wait for the leader's load at most {@code maxWait}. */
    public SingleFlight(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public V load(K key, Supplier<V> loader) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            collapsed.incrementAndGet();
            try {
                return await(running);
            } catch (TimeoutException e) {
                waitsExceeded.incrementAndGet();
                return loader.get();
            }
        }
        try {
            V value = loader.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** How many calls so far waited for another caller's load instead of loading themselves. */
    public long collapsed() {
        return collapsed.get();
    }

    /** How many waiters gave up waiting for another caller's load after {@code maxWait} and loaded themselves. */
    public long waitsExceeded() {
        return waitsExceeded.get();
    }

    private V await(CompletableFuture<V> running) throws TimeoutException {
        try {
            return running.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared load", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
