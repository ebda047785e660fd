package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Product;
import dev.storefront.kernel.Sku;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where products are kept. */
public interface Products {

    Optional<Product> find(Sku sku);

    /** Stores a new product; false when the sku is taken (nothing changes then). */
    boolean addIfAbsent(Product product);

    /**
     * Stores {@code product} if the stored version is still {@code product.version() - 1}.
     *
     * @return false when someone else changed it first
     */
    boolean replace(Product product);

    /** Of {@code skus}, those that exist but are not for sale. */
    Set<Sku> inactiveAmong(Set<Sku> skus);

    /** A page in sku order after {@code afterSku}; filters are optional. */
    List<Product> page(ProductQuery query);

    /** What to list: optional category and text, the keyset position and the page size. */
    record ProductQuery(Optional<String> category, List<String> words, Optional<String> afterSku, int limit) {}
}
