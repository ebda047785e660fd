package dev.storefront.order.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartLine;
import dev.storefront.order.domain.Order;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the order API. A checkout request names a cart and nothing else: prices, totals, status and the
 * customer come from the server, and any such field a client sends is ignored.
 */
final class OrderDtos {

    private OrderDtos() {}

    @Serdeable
    record PlaceOrderRequest(
            @Nullable
            @Schema(
                    minLength = ApiDocs.CART_ID_LENGTH,
                    maxLength = ApiDocs.CART_ID_LENGTH,
                    pattern = ApiDocs.CART_ID_PATTERN,
                    description = "the cart to check out; required")
            String cartId) {}

    @Serdeable
    record CancelRequest(
            @Nullable @Schema(maxLength = 200, description = "why, for the order's history")
            String reason) {}

    @Serdeable
    record MoneyDto(
            @Schema(minimum = "0", maximum = "9223372036854775807", description = "minor units, e.g. cents")
            long amountMinor,

            @Schema(maxLength = 3, pattern = ApiDocs.CURRENCY_PATTERN, description = "ISO 4217")
            String currency) {
        static MoneyDto of(Money money) {
            return new MoneyDto(money.amountMinor(), money.currency());
        }
    }

    @Serdeable
    record LineResponse(
            @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN)
            String sku,

            @Schema(minimum = "" + CartLine.MIN_QUANTITY, maximum = "" + CartLine.MAX_QUANTITY)
            int quantity,

            MoneyDto unitPrice,
            MoneyDto lineTotal) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepResponse(
            @Schema(allowableValues = {"PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED"})
            String status,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
            Instant at,

            @Nullable String reason) {}

    @Serdeable
    record RejectionResponse(
            @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN)
            String sku,

            @Schema(minimum = "" + CartLine.MIN_QUANTITY, maximum = "" + CartLine.MAX_QUANTITY)
            int requested,

            @Schema(minimum = "0", maximum = "2147483647") int available,

            @Schema(
                    allowableValues = {"INSUFFICIENT_STOCK", "UNKNOWN_SKU", "INACTIVE_PRODUCT"},
                    description = "catalog's reason")
            String reason) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OrderResponse(
            @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH)
            String id,

            @Schema(allowableValues = {"PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED"})
            String status,

            @ArraySchema(maxItems = Cart.MAX_LINES, schema = @Schema(description = "one per line of the cart"))
            List<LineResponse> lines,

            MoneyDto total,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
            Instant placedAt,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
            Instant deadline,

            @ArraySchema(maxItems = 5, schema = @Schema(description = "each status an order reaches, once, in order"))
            List<StepResponse> history,

            @ArraySchema(maxItems = Cart.MAX_LINES) List<RejectionResponse> rejections) {
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
            @ArraySchema(maxItems = PageSize.MAX) List<OrderResponse> items,

            @Nullable @Schema(maxLength = ApiDocs.CURSOR_MAX_LENGTH, pattern = ApiDocs.CURSOR_PATTERN)
            String nextCursor) {}
}
