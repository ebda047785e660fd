package dev.storefront.order.application;

import static dev.storefront.order.OrderTestSupport.count;
import static dev.storefront.order.OrderTestSupport.outboxEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.FakeCatalog;
import dev.storefront.order.OrderTestSupport;
import dev.storefront.order.application.port.in.MaintainOrdersUseCase;
import dev.storefront.order.application.port.in.ReactToReservationUseCase;
import dev.storefront.order.application.port.out.OrderEvents;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderLine;
import dev.storefront.order.domain.OrderStatus;
import dev.storefront.order.domain.Transition;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Expiry of PENDING orders against real Postgres, with the sweeper run by several workers at once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderExpiryIT implements TestPropertyProvider {

    private final FakeCatalog catalog = FakeCatalog.start();

    @Inject
    MaintainOrdersUseCase maintenance;

    @Inject
    ReactToReservationUseCase saga;

    @Inject
    Orders orders;

    @Inject
    OrderEvents events;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(OrderTestSupport.properties(catalog));
        // The test is the sweeper: it decides when and how many run.
        properties.put("storefront.orders.sweeper.enabled", "false");
        return properties;
    }

    @AfterAll
    void close() {
        catalog.close();
    }

    /** A PENDING order whose deadline is already behind it, stored with its OrderPlaced as checkout would. */
    private OrderId overdueOrder(String customer) {
        Transition placed = Order.place(
                OrderId.newId(),
                CustomerId.of(customer),
                List.of(new OrderLine(Sku.of(OrderTestSupport.newSku()), 1, Money.of(100, "EUR"))),
                Instant.now().minusSeconds(60),
                Duration.ofSeconds(30));
        transactions.executeWrite(status -> {
            orders.add(placed.order());
            events.publish(placed.events());
            return null;
        });
        return placed.order().id();
    }

    @Test
    void twoSweepersRunningAtOnceExpireEachOverdueOrderExactlyOnce() throws Exception {
        String customer = "sweep-" + System.nanoTime();
        List<OrderId> overdue = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            overdue.add(overdueOrder(customer));
        }
        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> swept = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            swept.add(sweepers.submit(() -> {
                go.await();
                int total = 0;
                for (int round = 0; round < 20; round++) {
                    total += maintenance.expireOverdue(3);
                }
                return total;
            }));
        }
        go.countDown();
        int expired = 0;
        for (Future<Integer> sweeper : swept) {
            expired += sweeper.get();
        }
        sweepers.shutdown();
        // Orders of other tests may be overdue too; sweep until ours are all done.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            maintenance.expireOverdue(100);
            return count("SELECT count(*) FROM orders WHERE customer_id = ? AND status = 'PENDING'", customer) == 0;
        });

        assertThat(expired).isGreaterThanOrEqualTo(40);
        for (OrderId id : overdue) {
            assertThat(outboxEvents("OrderExpired", id.toString()))
                    .as("OrderExpired of " + id)
                    .isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ? AND status = 'EXPIRED'", customer))
                .isEqualTo(40);
    }

    @Test
    void aReservationThatArrivesAfterExpiryLeavesTheOrderExpiredAndConfirmsNothing() throws Exception {
        OrderId order = overdueOrder("late-" + System.nanoTime());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            maintenance.expireOverdue(100);
            return orders.find(order).orElseThrow().status() == OrderStatus.EXPIRED;
        });

        saga.reserved(order);

        assertThat(orders.find(order).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(outboxEvents("OrderConfirmed", order.toString())).isZero();
        assertThat(outboxEvents("OrderExpired", order.toString())).isEqualTo(1);
    }

    @Test
    void anOrderWithinItsDeadlineIsNotExpired() throws Exception {
        Transition placed = Order.place(
                OrderId.newId(),
                CustomerId.of("patient"),
                List.of(new OrderLine(Sku.of(OrderTestSupport.newSku()), 1, Money.of(100, "EUR"))),
                Instant.now(),
                Duration.ofMinutes(10));
        transactions.executeWrite(status -> {
            orders.add(placed.order());
            return null;
        });

        maintenance.expireOverdue(1000);

        assertThat(orders.find(placed.order().id()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    }
}
