package dev.storefront.messaging;

import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this instance's relay when a transaction that wrote the outbox commits, at no cost to the database. Relays
 * of other instances learn of the rows at their next poll, or at once when LISTEN/NOTIFY is switched on.
 */
@Singleton
public class OutboxSignal {

    private final Semaphore permits = new Semaphore(0);

    void committed() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits for a commit or until {@code millis} pass; true when woken by a commit. */
    boolean await(long millis) throws InterruptedException {
        boolean woken = permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
        permits.drainPermits();
        return woken;
    }
}
