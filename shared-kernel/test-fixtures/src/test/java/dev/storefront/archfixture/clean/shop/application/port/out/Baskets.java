package dev.storefront.archfixture.clean.shop.application.port.out;

import dev.storefront.archfixture.clean.shop.domain.Basket;
import java.util.Optional;

public interface Baskets {
    Optional<Basket> find(String owner);
}
