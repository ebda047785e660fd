package dev.storefront.order.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.kernel.Money;
import dev.storefront.order.domain.Order;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the order API. A checkout request names a cart and nothing else: prices, totals, status and the
 * customer come from the server, and any such field a client sends is ignored.
 */
final class OrderDtos {

    private OrderDtos() {}

    @Serdeable
    record PlaceOrderRequest(@Nullable String cartId) {}

    @Serdeable
    record CancelRequest(@Nullable String reason) {}

    @Serdeable
    record MoneyDto(long amountMinor, String currency) {
        static MoneyDto of(Money money) {
            return new MoneyDto(money.amountMinor(), money.currency());
        }
    }

    @Serdeable
    record LineResponse(String sku, int quantity, MoneyDto unitPrice, MoneyDto lineTotal) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepResponse(String status, Instant at, @Nullable String reason) {}

    @Serdeable
    record RejectionResponse(String sku, int requested, int available, String reason) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OrderResponse(
            String id,
            String status,
            List<LineResponse> lines,
            MoneyDto total,
            Instant placedAt,
            Instant deadline,
            List<StepResponse> history,
            List<RejectionResponse> rejections) {
        static OrderResponse of(Order order) {
            return new OrderResponse(
                    order.id().toString(),
                    order.status().name(),
                    order.lines().stream()
                            .map(l -> new LineResponse(
                                    l.sku().value(),
                                    l.quantity(),
                                    MoneyDto.of(l.unitPrice()),
                                    MoneyDto.of(l.lineTotal())))
                            .toList(),
                    MoneyDto.of(order.total()),
                    order.placedAt(),
                    order.deadline(),
                    order.history().stream()
                            .map(s -> new StepResponse(
                                    s.status().name(), s.at(), s.reason().orElse(null)))
                            .toList(),
                    order.rejections().stream()
                            .map(r -> new RejectionResponse(r.sku().value(), r.requested(), r.available(), r.reason()))
                            .toList());
        }
    }

    /** {@code nextCursor} is null on the last page (always present, so clients need not test for it). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OrderPageResponse(
            List<OrderResponse> items, @Nullable String nextCursor) {}
}
