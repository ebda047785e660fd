package dev.storefront.order.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of orders.orders. */
@MappedEntity("orders")
record OrderRow(@Id UUID id, String customerId, String status, Instant placedAt) {}
