package dev.storefront.order.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.application.port.in.ListOrdersUseCase;
import dev.storefront.order.domain.OrderSummary;
import dev.storefront.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer's orders. The customer is always the verified token's subject, never a request parameter. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/api/v1/orders")
@Secured(Roles.CUSTOMER)
class OrderController {

    private final ListOrdersUseCase orders;

    OrderController(ListOrdersUseCase orders) {
        this.orders = orders;
    }

    @Get
    List<OrderResponse> mine(Authentication authentication, @Nullable @QueryValue Integer limit) {
        PageSize size = limit == null ? PageSize.ofDefault() : new PageSize(limit);
        return orders.ordersOf(CustomerId.of(authentication.getName()), size).stream()
                .map(OrderResponse::of)
                .toList();
    }

    @Serdeable
    record OrderResponse(UUID id, String status, Instant placedAt) {
        static OrderResponse of(OrderSummary order) {
            return new OrderResponse(order.id(), order.status().name(), order.placedAt());
        }
    }
}
