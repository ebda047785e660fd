package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Product;
import dev.storefront.kernel.Money;

/** Announces product changes to other services; written in the caller's transaction (outbox). */
public interface ProductEvents {

    void changed(Product product);

    void priceChanged(Product product, Money oldPrice);
}
