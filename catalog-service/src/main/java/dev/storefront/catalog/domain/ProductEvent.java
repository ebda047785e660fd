package dev.storefront.catalog.domain;

import dev.storefront.kernel.Money;

/** What a change to a product announces; {@link Product} decides which, the application hands them to the outbox. */
public sealed interface ProductEvent {

    Product product();

    /** The product's state after it was introduced or changed (consumers replace their copy). */
    record Changed(Product product) implements ProductEvent {}

    /** The price moved from {@code oldPrice} to the product's price. */
    record PriceChanged(Product product, Money oldPrice) implements ProductEvent {}
}
