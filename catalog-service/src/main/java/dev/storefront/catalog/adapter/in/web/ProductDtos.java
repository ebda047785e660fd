package dev.storefront.catalog.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON shapes of the product API. Requests name only what a client may set: price, version and stock levels
 * cannot be smuggled into a details update, and unknown fields are ignored.
 */
final class ProductDtos {

    private ProductDtos() {}

    @Serdeable
    record MoneyDto(@Nullable Long amountMinor, @Nullable String currency) {}

    @Serdeable
    record CreateProductRequest(
            @Nullable String sku,
            @Nullable String name,
            @Nullable String description,
            @Nullable String category,
            @Nullable MoneyDto price,
            @Nullable Boolean active,
            @Nullable Integer initialStock) {
        boolean activeOrTrue() {
            return active == null || active;
        }
    }

    @Serdeable
    record ReviseProductRequest(
            @Nullable String name,
            @Nullable String description,
            @Nullable String category,
            @Nullable Boolean active) {
        /** A PUT replaces every editable detail, so {@code active} must be stated: an absent flag never reactivates. */
        boolean requiredActive() {
            if (active == null) {
                throw DomainException.invalid("active-required", "state whether the product is active");
            }
            return active;
        }
    }

    @Serdeable
    record StockAdjustmentRequest(
            @Nullable Integer delta, @Nullable String reason) {}

    @Serdeable
    record ProductResponse(
            String sku,
            String name,
            String description,
            String category,
            MoneyDto price,
            boolean active,
            long version) {
        static ProductResponse of(Product product) {
            return new ProductResponse(
                    product.sku().value(),
                    product.details().name(),
                    product.details().description(),
                    product.details().category(),
                    new MoneyDto(product.price().amountMinor(), product.price().currency()),
                    product.details().active(),
                    product.version());
        }
    }

    /** {@code nextCursor} is null on the last page (always present, so clients need not test for it). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProductPageResponse(
            List<ProductResponse> items, @Nullable String nextCursor) {}

    @Serdeable
    record StockResponse(String sku, int onHand, int reserved, int available) {
        static StockResponse of(Stock stock) {
            return new StockResponse(stock.sku().value(), stock.onHand(), stock.reserved(), stock.available());
        }
    }
}
