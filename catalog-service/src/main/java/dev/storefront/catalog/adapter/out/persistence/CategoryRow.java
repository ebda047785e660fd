package dev.storefront.catalog.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of catalog.categories; mapped to and from {@code Category} by {@link CategoryJdbcAdapter}. */
@MappedEntity("categories")
record CategoryRow(@Id String slug, String name) {}
