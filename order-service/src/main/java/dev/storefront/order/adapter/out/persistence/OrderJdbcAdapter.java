package dev.storefront.order.adapter.out.persistence;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.OrderStatus;
import dev.storefront.order.domain.OrderSummary;
import jakarta.inject.Singleton;
import java.util.List;

/** Keeps orders in Postgres (schema orders). */
@Singleton
class OrderJdbcAdapter implements Orders {

    private final OrderJdbcRepository repository;

    OrderJdbcAdapter(OrderJdbcRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<OrderSummary> newestOf(CustomerId customer, int limit) {
        return repository.newestOf(customer.value(), limit).stream()
                .map(row -> new OrderSummary(
                        row.id(), CustomerId.of(row.customerId()), OrderStatus.valueOf(row.status()), row.placedAt()))
                .toList();
    }
}
