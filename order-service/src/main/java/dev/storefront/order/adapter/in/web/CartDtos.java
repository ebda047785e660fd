package dev.storefront.order.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.kernel.Money;
import dev.storefront.order.application.port.in.CartView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the cart API. A client sets quantities only; prices always come from catalog. */
final class CartDtos {

    private CartDtos() {}

    @Serdeable
    record QuantityRequest(@Nullable Integer quantity) {}

    @Serdeable
    record MoneyDto(long amountMinor, String currency) {
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
            String sku,
            String name,
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
            String id,
            long version,
            List<LineResponse> lines,
            @Nullable MoneyDto total,
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
