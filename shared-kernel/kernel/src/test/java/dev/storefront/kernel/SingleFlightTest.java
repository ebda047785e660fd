package dev.storefront.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void concurrentLoadsOfOneKeyRunTheLoaderOnce() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>(Duration.ofSeconds(30));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> results = new ArrayList<>();
        results.add(pool.submit(() -> flight.load("hot", () -> {
            loads.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "value";
        })));
        started.await();
        for (int i = 0; i < 15; i++) {
            results.add(pool.submit(() -> flight.load("hot", () -> {
                loads.incrementAndGet();
                return "other";
            })));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> flight.collapsed() == 15);
        release.countDown();

        for (Future<String> result : results) {
            assertThat(result.get()).isEqualTo("value");
        }
        pool.shutdown();
        assertThat(loads.get()).isEqualTo(1);
    }

    @Test
    void aFailedLoadIsNotRemembered() {
        SingleFlight<String, String> flight = new SingleFlight<>(Duration.ofSeconds(30));
        try {
            flight.load("k", () -> {
                throw new IllegalStateException("database down");
            });
        } catch (IllegalStateException expected) {
            // the next caller loads again
        }

        assertThat(flight.load("k", () -> "fresh")).isEqualTo("fresh");
    }

    @Test
    void aWaiterWhoseLeaderIsStuckLoadsItselfAfterTheMaxWait() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>(Duration.ofMillis(200));
        CountDownLatch leaderStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> flight.load("hot", () -> {
                leaderStarted.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "stuck";
            }));
            leaderStarted.await();

            long started = System.nanoTime();
            String value = flight.load("hot", () -> "own");

            assertThat(value).isEqualTo("own");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(flight.waitsExceeded()).isOne();
        } finally {
            pool.shutdownNow();
        }
    }
}
