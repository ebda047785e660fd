package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.Traceparent;
import dev.storefront.events.order.OrderCancelled;
import dev.storefront.events.order.OrderConfirmed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandlersTest {

    private static <T> EventEnvelope event(dev.storefront.events.EventType<T> type, T payload) {
        return EventCodec.envelope(
                type, payload, "order-service", "order-1", "order-1", null, Traceparent.newRoot(), Instant.now());
    }

    @Test
    void eachTypeReachesItsHandlerWithItsTypedPayload() throws Exception {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = EventHandlers.builder()
                .on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> seen.add("confirmed " + confirmed.orderId()))
                .on(EventCatalog.ORDER_CANCELLED, (event, cancelled) -> seen.add("cancelled " + cancelled.reason()))
                .build();

        handlers.dispatch(event(EventCatalog.ORDER_CANCELLED, new OrderCancelled("order-1", "alice", "too slow")));
        handlers.dispatch(event(EventCatalog.ORDER_CONFIRMED, new OrderConfirmed("order-1", "alice")));

        assertThat(seen).containsExactly("cancelled too slow", "confirmed order-1");
    }

    @Test
    void anIgnoredTypeDoesNothingAndAnUndeclaredOneIsRefused() throws Exception {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = EventHandlers.builder()
                .on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> seen.add("confirmed"))
                .ignore(EventCatalog.ORDER_CANCELLED)
                .build();

        handlers.dispatch(event(EventCatalog.ORDER_CANCELLED, new OrderCancelled("order-1", "alice", "too slow")));
        assertThat(seen).isEmpty();
        assertThatThrownBy(() -> handlers.dispatch(event(
                        EventCatalog.ORDER_EXPIRED, new dev.storefront.events.order.OrderExpired("order-1", "alice"))))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("OrderExpired");
    }

    @Test
    void aTypeIsDeclaredOnce() {
        assertThatThrownBy(() -> EventHandlers.builder()
                        .on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> {})
                        .ignore(EventCatalog.ORDER_CONFIRMED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHandledTypeIsNotHandledTwice() {
        EventHandlers.Builder builder =
                EventHandlers.builder().on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> {});

        assertThatThrownBy(() -> builder.on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OrderConfirmed is declared twice");
    }
}
