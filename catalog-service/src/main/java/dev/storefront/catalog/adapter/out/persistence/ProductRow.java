package dev.storefront.catalog.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of catalog.products (without its search column). */
@MappedEntity("products")
record ProductRow(
        @Id String sku,
        String name,
        String description,
        String category,
        long priceMinor,
        String currency,
        boolean active,
        long version) {}
