package dev.storefront.catalog.application.port.in;

import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.Sku;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What shoppers ask of the catalog: one product (served from the cache when hot), a page of products, stock. */
public interface BrowseProductsUseCase {

    Optional<Product> product(Sku sku);

    /** {@link #product} for callers that must not block: a cached product completes without leaving their thread. */
    CompletionStage<Optional<Product>> productAsync(Sku sku);

    ProductPage products(ListProductsQuery query);

    Optional<Stock> stock(Sku sku);

    /** One page and where the next one starts (empty on the last page). */
    record ProductPage(List<Product> items, Optional<Sku> nextAfter) {}
}
