package dev.storefront.catalog.adapter.out.persistence;

import dev.storefront.catalog.application.port.out.Stocks;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.Sku;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Keeps stock levels in Postgres (schema catalog). */
@Singleton
class StockJdbcAdapter implements Stocks {

    private final StockJdbcRepository repository;

    StockJdbcAdapter(StockJdbcRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<Sku, Stock> lock(Collection<Sku> skus) {
        Map<Sku, Stock> locked = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return locked;
        }
        for (StockRow row : repository.lockAll(skus.stream().map(Sku::value).toList())) {
            locked.put(Sku.of(row.sku()), toDomain(row));
        }
        return locked;
    }

    @Override
    public Optional<Stock> find(Sku sku) {
        return repository.findBySku(sku.value()).map(StockJdbcAdapter::toDomain);
    }

    @Override
    public void save(Stock stock) {
        repository.updateLevels(stock.sku().value(), stock.onHand(), stock.reserved());
    }

    @Override
    public void create(Stock stock) {
        repository.insertRow(stock.sku().value(), stock.onHand(), stock.reserved());
    }

    private static Stock toDomain(StockRow row) {
        return new Stock(Sku.of(row.sku()), row.onHand(), row.reserved());
    }
}
