package dev.storefront.order.application;

import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.out.CatalogProduct;
import dev.storefront.order.application.port.out.ProductCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Catalog as the test sets it up: which products exist, at which price, and whether they are for sale. */
final class StubCatalog implements ProductCatalog {

    private final Map<Sku, CatalogProduct> products = new HashMap<>();
    final List<Set<Sku>> asked = new ArrayList<>();
    final List<Sku> forgotten = new ArrayList<>();
    boolean canForget = true;

    StubCatalog product(String sku, long priceMinor, boolean active) {
        products.put(
                Sku.of(sku), new CatalogProduct(Sku.of(sku), "Product " + sku, Money.of(priceMinor, "EUR"), active));
        return this;
    }

    StubCatalog withdrawn(String sku) {
        products.remove(Sku.of(sku));
        return this;
    }

    @Override
    public Map<Sku, CatalogProduct> products(Set<Sku> skus) {
        asked.add(Set.copyOf(skus));
        Map<Sku, CatalogProduct> known = new HashMap<>();
        skus.forEach(sku -> {
            if (products.containsKey(sku)) {
                known.put(sku, products.get(sku));
            }
        });
        return known;
    }

    @Override
    public boolean forget(Sku sku) {
        forgotten.add(sku);
        return canForget;
    }
}
