package dev.storefront.catalog.adapter.out.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testing.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * A second catalog instance beside the test's own, on the same Redis and Postgres, with its relay and consumers off
 * (the test's instance does that work), for the tests of what one instance's write does to another's copies.
 */
final class OtherInstance implements AutoCloseable {

    private final ApplicationContext context;
    private final ApiClient api;

    private OtherInstance(ApplicationContext context, ApiClient api) {
        this.context = context;
        this.api = api;
    }

    static OtherInstance start(Map<String, String> properties) {
        Map<String, Object> own = new HashMap<>(properties);
        own.put("micronaut.server.port", "-1");
        own.put("storefront.messaging.relay.enabled", "false");
        own.put("storefront.messaging.consumer.enabled", "false");
        ApplicationContext context = ApplicationContext.run(own);
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return new OtherInstance(context, ApiClient.at(server.getURI()));
    }

    ApiClient api() {
        return api;
    }

    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    /** The other instance's near-cache hits so far. */
    double nearHits() {
        return meters().get("storefront.cache.near.requests")
                .tag("result", "hit")
                .counter()
                .count();
    }

    /** Whether the other instance serves its copies now (subscribed, heartbeats heard in time). */
    boolean coherent() {
        return meters().get("storefront.cache.near.coherent").gauge().value() == 1;
    }

    /** The price a read of {@code sku} through {@code api} answers, asserting it answered 200. */
    static long price(ApiClient api, String sku) {
        ApiClient.Response read = api.get("/api/v1/products/" + sku);
        assertThat(read.status()).isEqualTo(200);
        return read.json().path("price").path("amountMinor").asLong();
    }

    @Override
    public void close() {
        context.close();
    }
}
