package dev.storefront.catalog.adapter.out.cache;

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

    @Override
    public void close() {
        context.close();
    }
}
