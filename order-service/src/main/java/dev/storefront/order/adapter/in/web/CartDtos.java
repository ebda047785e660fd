package dev.storefront.order.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.kernel.Money;
import dev.storefront.order.application.port.in.CartView;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the cart API. A client sets quantities only; prices always come from catalog. */
final class CartDtos {

    private CartDtos() {}

    @Serdeable
    record QuantityRequest(
            @Nullable
            @Schema(
                    minimum = "" + CartLine.MIN_QUANTITY,
                    maximum = "" + CartLine.MAX_QUANTITY,
                    description = "required")
            Integer quantity) {}

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

    /**
     * @param unitPrice catalog's price now
     * @param quotedPrice the price when the line was set; differs from unitPrice exactly when priceChanged
     * @param available false when the product is no longer for sale (the line counts nothing in the total)
     */
    @Serdeable
    record LineResponse(
            @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN)
            String sku,

            @Schema(maxLength = 200, description = "catalog's product name (catalog allows 1-200 characters)")
            String name,

            @Schema(minimum = "" + CartLine.MIN_QUANTITY, maximum = "" + CartLine.MAX_QUANTITY)
            int quantity,

            MoneyDto unitPrice,
            MoneyDto quotedPrice,
            MoneyDto lineTotal,
            boolean priceChanged,
            boolean available) {}

    /** {@code total} is null for a cart with nothing available in it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CartResponse(
            @Schema(
                    minLength = ApiDocs.CART_ID_LENGTH,
                    maxLength = ApiDocs.CART_ID_LENGTH,
                    pattern = ApiDocs.CART_ID_PATTERN)
            String id,

            @Schema(minimum = "0", maximum = "9223372036854775807", description = "the ETag is \"v<version>\"")
            long version,

            @ArraySchema(maxItems = Cart.MAX_LINES) List<LineResponse> lines,
            @Nullable MoneyDto total,

            @Schema(format = "date-time", maxLength = ApiDocs.INSTANT_MAX_LENGTH)
            Instant updatedAt) {
        static CartResponse of(CartView view) {
            return new CartResponse(
                    view.cart().id().value(),
                    view.cart().version(),
                    view.lines().stream()
                            .map(l -> new LineResponse(
                                    l.line().sku().value(),
                                    l.name(),
                                    l.line().quantity(),
                                    MoneyDto.of(l.currentPrice()),
                                    MoneyDto.of(l.line().quotedPrice()),
                                    MoneyDto.of(l.lineTotal()),
                                    l.priceChanged(),
                                    l.available()))
                            .toList(),
                    view.total().map(MoneyDto::of).orElse(null),
                    view.cart().updatedAt());
        }
    }
}
