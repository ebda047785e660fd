package dev.storefront.order.application.port.out;

import dev.storefront.kernel.Sku;
import java.util.Map;
import java.util.Set;

/**
 * Current prices and availability, owned by catalog-service. Answers within a bounded time or throws
 * {@code DomainException} of kind UNAVAILABLE; never hangs on a slow or absent catalog.
 */
public interface ProductCatalog {

    /** The products among {@code skus} that catalog knows; an SKU missing from the answer does not exist. */
    Map<Sku, CatalogProduct> products(Set<Sku> skus);

    /** Drops any local copy of {@code sku} (it changed in catalog); false if the copy could not be dropped now. */
    boolean forget(Sku sku);
}
