package dev.storefront.archfixture.clean.shop.adapter.out.persistence;

import dev.storefront.archfixture.clean.shop.application.port.out.Baskets;
import dev.storefront.archfixture.clean.shop.domain.Basket;
import java.sql.Connection;
import java.util.Optional;

public class BasketJdbcAdapter implements Baskets {
    public Connection connection;

    @Override
    public Optional<Basket> find(String owner) {
        return Optional.empty();
    }
}
