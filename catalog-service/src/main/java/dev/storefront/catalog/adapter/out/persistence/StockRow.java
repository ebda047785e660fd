package dev.storefront.catalog.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of catalog.stock. */
@MappedEntity("stock")
record StockRow(@Id String sku, int onHand, int reserved) {}
