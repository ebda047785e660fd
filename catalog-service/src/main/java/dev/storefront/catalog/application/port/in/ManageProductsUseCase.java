package dev.storefront.catalog.application.port.in;

import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.util.Objects;
import java.util.Optional;

/** What administrators do to the catalog. Every change is announced through product events. */
public interface ManageProductsUseCase {

    Product create(CreateProduct command);

    Product revise(ReviseProduct command);

    Product reprice(RepriceProduct command);

    Stock adjustStock(AdjustStock command);

    record CreateProduct(Sku sku, ProductDetails details, Money price, int initialStock) {
        public CreateProduct {
            Objects.requireNonNull(sku);
            Objects.requireNonNull(details);
            Objects.requireNonNull(price);
            if (initialStock < 0) {
                throw DomainException.invalid("invalid-stock", "initial stock cannot be negative");
            }
        }
    }

    /** New details for the product as it was at {@code expectedVersion}. */
    record ReviseProduct(Sku sku, long expectedVersion, ProductDetails details) {}

    /** A new price; when {@code expectedVersion} is given, only for the product as it was then. */
    record RepriceProduct(Sku sku, Optional<Long> expectedVersion, Money price) {}

    /** Units counted in (positive) or out (negative). */
    record AdjustStock(Sku sku, int delta) {
        public AdjustStock {
            if (delta == 0) {
                throw DomainException.invalid("invalid-adjustment", "an adjustment changes stock by at least 1");
            }
        }
    }
}
