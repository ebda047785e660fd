package dev.storefront.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one subscription consuming: runs a {@link SubscriptionRunner} on its own thread and, when the runner dies of
 * anything but a stop (an {@link Error} from a handler, a broker client failure), starts a new one on a new consumer
 * after an exponential backoff. Its {@link #state()} feeds readiness: a consumer that is dead, or whose loop has not
 * gone round for longer than {@code stuck-after}, makes the service not ready.
 */
final class SupervisedSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedSubscription.class);

    /** What the subscription is doing now. */
    enum State {
        STARTING,
        RUNNING,
        STUCK,
        DEAD,
        STOPPED
    }

    private final String group;
    private final Supplier<SubscriptionRunner> runners;
    private final ConsumerSettings settings;
    private final ConsumerStats stats;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile SubscriptionRunner runner;
    private volatile boolean dead;
    private volatile String lastFailure;
    private volatile Instant lastFailureAt;
    private Thread thread;

    SupervisedSubscription(
            String group, Supplier<SubscriptionRunner> runners, ConsumerSettings settings, ConsumerStats stats) {
        this.group = group;
        this.runners = runners;
        this.settings = settings;
        this.stats = stats;
    }

    String group() {
        return group;
    }

    synchronized void start() {
        thread = Thread.ofPlatform().name("consumer-" + group).daemon().start(this::supervise);
    }

    private void supervise() {
        int failures = 0;
        while (stopping.getCount() > 0) {
            long started = System.nanoTime();
            try {
                SubscriptionRunner current = runners.get();
                runner = current;
                dead = false;
                if (stopping.getCount() == 0) {
                    current.stop();
                }
                current.run();
                if (stopping.getCount() == 0) {
                    return;
                }
                lastFailure = "the poll loop ended without being stopped";
            } catch (Throwable e) {
                if (stopping.getCount() == 0) {
                    return;
                }
                lastFailure = e.getClass().getName() + ": " + e.getMessage();
                LOG.error("{}: consumer died; starting a new one", group, e);
            }
            dead = true;
            lastFailureAt = Instant.now();
            // A consumer that ran well for a while starts its backoff afresh.
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(settings.restartMaxBackoff()) > 0) {
                failures = 0;
            }
            failures++;
            Duration backoff =
                    new Backoff(settings.restartInitialBackoff(), settings.restartMaxBackoff()).before(failures);
            try {
                if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stats.restarted();
            LOG.info("{}: restarting its consumer (restart {}, after {})", group, failures, backoff);
        }
    }

    State state() {
        if (stopping.getCount() == 0) {
            return State.STOPPED;
        }
        if (dead) {
            return State.DEAD;
        }
        SubscriptionRunner current = runner;
        if (current == null) {
            return State.STARTING;
        }
        return current.sinceLastLoop().compareTo(settings.stuckAfter()) > 0 ? State.STUCK : State.RUNNING;
    }

    /** The last reason the consumer died, if it ever did. */
    String lastFailure() {
        return lastFailure == null ? "" : lastFailure + " at " + lastFailureAt;
    }

    synchronized void stop() {
        stopping.countDown();
        SubscriptionRunner current = runner;
        if (current != null) {
            current.stop();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
