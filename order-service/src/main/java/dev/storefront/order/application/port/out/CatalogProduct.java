package dev.storefront.order.application.port.out;

import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.util.Objects;

/** What order-service needs to know about a product: its current price and whether it is for sale. */
public record CatalogProduct(Sku sku, String name, Money price, boolean active) {

    public CatalogProduct {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
    }
}
