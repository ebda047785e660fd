package dev.storefront.catalog.application;

import dev.storefront.catalog.application.port.in.BrowseProductsUseCase;
import dev.storefront.catalog.application.port.in.ForgetCachedProductUseCase;
import dev.storefront.catalog.application.port.in.ListProductsQuery;
import dev.storefront.catalog.application.port.in.ManageProductsUseCase;
import dev.storefront.catalog.application.port.out.AfterCommit;
import dev.storefront.catalog.application.port.out.Categories;
import dev.storefront.catalog.application.port.out.ProductCache;
import dev.storefront.catalog.application.port.out.ProductEvents;
import dev.storefront.catalog.application.port.out.Products;
import dev.storefront.catalog.application.port.out.Stocks;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Product use cases. Reads of one product go through the cache; every write commits the change and the events the
 * product decided on together, then evicts the cached copy once the commit is done, so the next read sees the new
 * state.
 */
@Singleton
public class ProductCatalogService implements BrowseProductsUseCase, ManageProductsUseCase, ForgetCachedProductUseCase {

    private final Products products;
    private final Stocks stocks;
    private final Categories categories;
    private final ProductCache cache;
    private final ProductEvents events;
    private final AfterCommit afterCommit;

    public ProductCatalogService(
            Products products,
            Stocks stocks,
            Categories categories,
            ProductCache cache,
            ProductEvents events,
            AfterCommit afterCommit) {
        this.products = products;
        this.stocks = stocks;
        this.categories = categories;
        this.cache = cache;
        this.events = events;
        this.afterCommit = afterCommit;
    }

    @Override
    public Optional<Product> product(Sku sku) {
        return cache.getOrLoad(sku, () -> products.find(sku));
    }

    @Override
    public CompletionStage<Optional<Product>> productAsync(Sku sku) {
        return cache.getOrLoadAsync(sku, () -> products.find(sku));
    }

    @Override
    public void productChanged(Sku sku, long version) {
        if (!cache.evict(sku, version)) {
            throw new CacheUnreachableException(sku);
        }
    }

    @Override
    @Transactional
    public ProductPage products(ListProductsQuery query) {
        List<Product> page = products.page(new Products.ProductQuery(
                query.category(), query.words(), query.after().map(Sku::value), query.limit() + 1));
        boolean more = page.size() > query.limit();
        List<Product> items = more ? page.subList(0, query.limit()) : page;
        return new ProductPage(
                items, more ? Optional.of(items.get(items.size() - 1).sku()) : Optional.empty());
    }

    @Override
    public Optional<Stock> stock(Sku sku) {
        return stocks.find(sku);
    }

    @Override
    @Transactional
    public Product create(CreateProduct command) {
        requireCategory(command.details().category());
        Product.Change introduced = Product.introduce(command.sku(), command.details(), command.price());
        Product product = introduced.product();
        if (!products.addIfAbsent(product)) {
            throw DomainException.conflict("product-already-exists", "a product with sku " + command.sku() + " exists");
        }
        stocks.create(new Stock(command.sku(), command.initialStock(), 0));
        events.publish(introduced.events());
        // A "no such product" entry may be cached from a read before it existed.
        afterCommit.run(() -> cache.evict(product.sku(), product.version()));
        return product;
    }

    @Override
    @Transactional
    public Product revise(ReviseProduct command) {
        Product current = existing(command.sku());
        current.requireVersion(command.expectedVersion());
        requireCategory(command.details().category());
        Product.Change revised = current.revise(command.details());
        store(revised.product());
        events.publish(revised.events());
        return revised.product();
    }

    @Override
    @Transactional
    public Product reprice(RepriceProduct command) {
        Product current = existing(command.sku());
        command.expectedVersion().ifPresent(current::requireVersion);
        Product.Change repriced = current.reprice(command.price());
        store(repriced.product());
        events.publish(repriced.events());
        return repriced.product();
    }

    @Override
    @Transactional
    public Stock adjustStock(AdjustStock command) {
        Stock current = stocks.lock(List.of(command.sku())).get(command.sku());
        if (current == null) {
            throw unknown(command.sku());
        }
        Stock adjusted = current.adjust(command.delta());
        stocks.save(adjusted);
        return adjusted;
    }

    private void store(Product product) {
        if (!products.replace(product)) {
            // Someone committed another version between our read and our write.
            Product now = existing(product.sku());
            now.requireVersion(product.version() - 1);
        }
        afterCommit.run(() -> cache.evict(product.sku(), product.version()));
    }

    private Product existing(Sku sku) {
        return products.find(sku).orElseThrow(() -> unknown(sku));
    }

    private static DomainException unknown(Sku sku) {
        return DomainException.notFound("unknown-product", "no product with sku " + sku);
    }

    private void requireCategory(String slug) {
        if (!categories.exists(slug)) {
            throw DomainException.invalid("unknown-category", "there is no category '" + slug + "'");
        }
    }
}
