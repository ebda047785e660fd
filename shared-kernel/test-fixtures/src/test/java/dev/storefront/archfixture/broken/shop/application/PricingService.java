package dev.storefront.archfixture.broken.shop.application;

import java.sql.Connection;

/** Broken on purpose: JDBC in the application layer. */
public class PricingService {
    public Connection connection;
}
