package dev.storefront.order.application;

import dev.storefront.order.application.port.out.OrderEvents;
import dev.storefront.order.domain.OrderEvent;
import java.util.ArrayList;
import java.util.List;

/** The outbox as a list of what was published, in order. */
final class RecordingOrderEvents implements OrderEvents {

    final List<OrderEvent> published = new ArrayList<>();

    @Override
    public void publish(List<OrderEvent> events) {
        published.addAll(events);
    }
}
