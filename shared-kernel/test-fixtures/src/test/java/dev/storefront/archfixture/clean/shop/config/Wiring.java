package dev.storefront.archfixture.clean.shop.config;

import dev.storefront.archfixture.clean.shop.adapter.in.web.BasketController;
import dev.storefront.archfixture.clean.shop.adapter.out.persistence.BasketJdbcAdapter;

/** Config may see every adapter: it wires them. */
public class Wiring {
    public BasketController controller;
    public BasketJdbcAdapter adapter;
}
