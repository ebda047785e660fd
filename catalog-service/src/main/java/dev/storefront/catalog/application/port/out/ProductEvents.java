package dev.storefront.catalog.application.port.out;

import dev.storefront.catalog.domain.ProductEvent;
import java.util.List;

/** Announces product changes to other services, in the caller's transaction (the outbox), in the order given. */
public interface ProductEvents {

    void publish(List<ProductEvent> events);
}
