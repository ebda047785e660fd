package dev.storefront.archfixture.clean.shop.application;

import dev.storefront.archfixture.clean.shop.application.port.in.CheckoutUseCase;
import dev.storefront.archfixture.clean.shop.application.port.out.Baskets;
import dev.storefront.archfixture.clean.shop.domain.Basket;
import dev.storefront.kernel.CustomerId;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public class CheckoutService implements CheckoutUseCase {
    private final Baskets baskets;

    public CheckoutService(Baskets baskets) {
        this.baskets = baskets;
    }

    @Override
    public Basket checkout(String owner) {
        return baskets.find(owner).orElse(new Basket(CustomerId.of(owner), List.of()));
    }
}
