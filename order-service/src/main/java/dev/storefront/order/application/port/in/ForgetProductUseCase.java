package dev.storefront.order.application.port.in;

import dev.storefront.kernel.Sku;

/** Catalog announced a change to a product: whatever this service remembers of it is out of date. */
public interface ForgetProductUseCase {

    /** Drops the remembered copy; throws if it could not be dropped, so the announcement is handled again. */
    void productChanged(Sku sku);
}
