package dev.storefront.catalog.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.catalog.application.port.in.ListProductsQuery;
import dev.storefront.catalog.domain.Category;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The JSON shapes of the product API. Requests name only what a client may set: price, version and stock levels
 * cannot be smuggled into a details update, and unknown fields are ignored.
 */
final class ProductDtos {

    private ProductDtos() {}

    @Serdeable
    record MoneyDto(
            @Nullable @Schema(minimum = "0", maximum = "9223372036854775807", description = "minor units, e.g. cents")
            Long amountMinor,

            @Nullable @Schema(maxLength = 3, pattern = ApiDocs.CURRENCY_PATTERN, description = "ISO 4217")
            String currency) {}

    @Serdeable
    record CreateProductRequest(
            @Nullable @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN)
            String sku,

            @Nullable @Schema(maxLength = ProductDetails.MAX_NAME_LENGTH)
            String name,

            @Nullable @Schema(maxLength = ProductDetails.MAX_DESCRIPTION_LENGTH)
            String description,

            @Nullable @Schema(maxLength = Category.MAX_SLUG_LENGTH, pattern = ApiDocs.SLUG_PATTERN)
            String category,

            @Nullable MoneyDto price,
            @Nullable Boolean active,

            @Nullable @Schema(minimum = "0", maximum = "2147483647", description = "units on hand; 0 when absent")
            Integer initialStock) {
        boolean activeOrTrue() {
            return active == null || active;
        }
    }

    @Serdeable
    record ReviseProductRequest(
            @Nullable @Schema(maxLength = ProductDetails.MAX_NAME_LENGTH)
            String name,

            @Nullable @Schema(maxLength = ProductDetails.MAX_DESCRIPTION_LENGTH)
            String description,

            @Nullable @Schema(maxLength = Category.MAX_SLUG_LENGTH, pattern = ApiDocs.SLUG_PATTERN)
            String category,

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
            @Nullable
            @Schema(
                    minimum = "-2147483648",
                    maximum = "2147483647",
                    description = "units in (positive) or out (negative); required")
            Integer delta,

            @Nullable @Schema(description = "why, for the caller's own records; not stored")
            String reason) {}

    @Serdeable
    record ProductResponse(
            @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN)
            String sku,

            @Schema(maxLength = ProductDetails.MAX_NAME_LENGTH)
            String name,

            @Schema(maxLength = ProductDetails.MAX_DESCRIPTION_LENGTH)
            String description,

            @Schema(maxLength = Category.MAX_SLUG_LENGTH, pattern = ApiDocs.SLUG_PATTERN)
            String category,

            MoneyDto price,
            boolean active,

            @Schema(minimum = "1", maximum = "9223372036854775807", description = "the ETag is \"v<version>\"")
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
            @ArraySchema(maxItems = ListProductsQuery.MAX_LIMIT)
            List<ProductResponse> items,

            @Nullable @Schema(maxLength = ApiDocs.CURSOR_MAX_LENGTH, pattern = ApiDocs.CURSOR_PATTERN)
            String nextCursor) {}

    @Serdeable
    record StockResponse(
            @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN)
            String sku,

            @Schema(minimum = "0", maximum = "2147483647") int onHand,
            @Schema(minimum = "0", maximum = "2147483647") int reserved,
            @Schema(minimum = "0", maximum = "2147483647") int available) {
        static StockResponse of(Stock stock) {
            return new StockResponse(stock.sku().value(), stock.onHand(), stock.reserved(), stock.available());
        }
    }
}
