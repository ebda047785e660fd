package dev.storefront.order.adapter.out.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * catalog-service's product API, as far as order-service reads it. Connect and read timeouts come from
 * {@code micronaut.http.services.catalog.*}; a failed call is retried once after a short pause, and after that the
 * circuit opens: for {@code storefront.catalog-client.breaker-reset} calls fail at once instead of each waiting for its
 * timeout, then one call probes whether catalog is back. A 404 is an answer (no such product), not a failure.
 */
@Client(id = "catalog", path = "/api/v1/products")
@CircuitBreaker(
        attempts = "${storefront.catalog-client.retries:1}",
        delay = "${storefront.catalog-client.retry-delay:100ms}",
        reset = "${storefront.catalog-client.breaker-reset:5s}")
interface CatalogHttpClient {

    @Get("/{sku}")
    Optional<ProductDto> product(@PathVariable String sku);

    /** The fields of catalog's product representation that order-service uses; the rest is ignored. */
    @Serdeable
    record ProductDto(String sku, @Nullable String name, PriceDto price, boolean active, long version) {}

    @Serdeable
    record PriceDto(long amountMinor, String currency) {}
}
