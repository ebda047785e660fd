package dev.storefront.order.adapter.out.catalog;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.out.CatalogProduct;
import dev.storefront.order.application.port.out.ProductCatalog;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.json.JsonMapper;
import io.micronaut.retry.exception.CircuitOpenException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices and availability from catalog-service, with a short-lived copy of each product in Redis
 * ({@code catalog-copy:<sku>}, {@code storefront.catalog-copy.ttl}, default 30 s) so a cart view or a checkout does
 * not call catalog once per line. The copy is dropped when catalog announces a change to the product (product events,
 * through the inbox), so it lags catalog by the event's delivery time, and by the TTL at worst when a drop fails.
 * Unknown SKUs are remembered too, for a shorter time, so a client cannot make every request a catalog call.
 *
 * <p>Redis is only a shortcut here: when it is down or slow (beyond {@code storefront.catalog-copy.timeout}) the
 * products come straight from catalog. Catalog down or slow: {@code catalog-unavailable} (503) within the client's
 * bounded timeouts, at once while its circuit is open.
 */
@Singleton
class CachingProductCatalog implements ProductCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(CachingProductCatalog.class);
    private static final String UNKNOWN = "{}";

    private final CatalogHttpClient catalog;
    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final JsonMapper json;
    private final long ttlMillis;
    private final long unknownTtlMillis;
    private final long timeoutMillis;

    CachingProductCatalog(
            CatalogHttpClient catalog,
            BeanProvider<StatefulRedisConnection<String, String>> redis,
            JsonMapper json,
            @Value("${storefront.catalog-copy.ttl:30s}") Duration ttl,
            @Value("${storefront.catalog-copy.unknown-ttl:5s}") Duration unknownTtl,
            @Value("${storefront.catalog-copy.timeout:100ms}") Duration timeout) {
        this.catalog = catalog;
        this.redis = redis;
        this.json = json;
        this.ttlMillis = ttl.toMillis();
        this.unknownTtlMillis = unknownTtl.toMillis();
        this.timeoutMillis = timeout.toMillis();
    }

    static String key(Sku sku) {
        return "catalog-copy:" + sku.value();
    }

    @Override
    public Map<Sku, CatalogProduct> products(Set<Sku> skus) {
        Map<Sku, CatalogProduct> found = new HashMap<>();
        List<Sku> wanted = List.copyOf(skus);
        Map<Sku, String> copies = copiesOf(wanted);
        for (Sku sku : wanted) {
            String copy = copies.get(sku);
            if (copy != null) {
                decode(sku, copy).ifPresent(p -> found.put(sku, p));
                continue;
            }
            Optional<CatalogProduct> fetched = fetch(sku);
            fetched.ifPresent(p -> found.put(sku, p));
            remember(sku, fetched);
        }
        return found;
    }

    @Override
    public boolean forget(Sku sku) {
        try {
            await(redis.get().async().del(key(sku)));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Copy of {} could not be dropped: {}", sku, e.toString());
            return false;
        }
    }

    private Optional<CatalogProduct> fetch(Sku sku) {
        try {
            return catalog.product(sku.value())
                    .map(p -> new CatalogProduct(
                            sku,
                            p.name() == null ? sku.value() : p.name(),
                            Money.of(p.price().amountMinor(), p.price().currency()),
                            p.active()));
        } catch (HttpClientException | CircuitOpenException e) {
            LOG.warn("Catalog did not answer for {}: {}", sku, e.toString());
            throw DomainException.unavailable(
                    "catalog-unavailable", "The product catalog is unavailable right now; try again shortly.");
        }
    }

    private Map<Sku, String> copiesOf(List<Sku> skus) {
        Map<Sku, String> copies = new HashMap<>();
        try {
            List<KeyValue<String, String>> values = await(redis.get()
                    .async()
                    .mget(skus.stream().map(CachingProductCatalog::key).toArray(String[]::new)));
            for (int i = 0; i < skus.size(); i++) {
                KeyValue<String, String> value = values.get(i);
                if (value.hasValue()) {
                    copies.put(skus.get(i), value.getValue());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Catalog copy unreadable, asking catalog: {}", e.toString());
        }
        return copies;
    }

    private void remember(Sku sku, Optional<CatalogProduct> product) {
        try {
            String value = product.isPresent() ? json.writeValueAsString(Copy.of(product.get())) : UNKNOWN;
            long ttl = product.isPresent() ? ttlMillis : unknownTtlMillis;
            await(redis.get().async().set(key(sku), value, SetArgs.Builder.px(ttl)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Catalog copy of {} not written: {}", sku, e.toString());
        }
    }

    private Optional<CatalogProduct> decode(Sku sku, String value) {
        if (UNKNOWN.equals(value)) {
            return Optional.empty();
        }
        try {
            Copy copy = json.readValue(value, Copy.class);
            return Optional.of(
                    new CatalogProduct(sku, copy.name(), Money.of(copy.priceMinor(), copy.currency()), copy.active()));
        } catch (IOException e) {
            return fetch(sku);
        }
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("Redis did not answer within " + timeoutMillis + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Serdeable
    record Copy(String name, long priceMinor, String currency, boolean active) {
        static Copy of(CatalogProduct product) {
            return new Copy(
                    product.name(),
                    product.price().amountMinor(),
                    product.price().currency(),
                    product.active());
        }
    }
}
