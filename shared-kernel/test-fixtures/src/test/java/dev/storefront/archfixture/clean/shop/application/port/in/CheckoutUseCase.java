package dev.storefront.archfixture.clean.shop.application.port.in;

import dev.storefront.archfixture.clean.shop.domain.Basket;

public interface CheckoutUseCase {
    Basket checkout(String owner);
}
