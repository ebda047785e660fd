package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.Sku;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Stock levels, with row locks so that concurrent reservations decide one after the other. */
public interface Stocks {

    /**
     * Locks and returns the stock of {@code skus} until the transaction ends, always in sku order so that two
     * reservations of overlapping products cannot deadlock. Unknown skus are absent from the result.
     */
    Map<Sku, Stock> lock(Collection<Sku> skus);

    Optional<Stock> find(Sku sku);

    void save(Stock stock);

    void create(Stock stock);
}
