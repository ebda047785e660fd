package dev.storefront.order.application;

import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.ForgetProductUseCase;
import dev.storefront.order.application.port.out.ProductCatalog;
import jakarta.inject.Singleton;

/** Keeps this service's copy of catalog prices honest: a product event drops the copy of that product. */
@Singleton
public class ProductPriceService implements ForgetProductUseCase {

    private final ProductCatalog catalog;

    public ProductPriceService(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void productChanged(Sku sku) {
        if (!catalog.forget(sku)) {
            throw new IllegalStateException("copy of " + sku + " could not be dropped yet; the event is retried");
        }
    }
}
