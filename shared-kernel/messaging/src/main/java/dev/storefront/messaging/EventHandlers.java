package dev.storefront.messaging;

import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.EventType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A subscription's handlers by event type, so a handler names the {@link EventType} it handles and receives its typed
 * payload, instead of switching on type strings:
 *
 * <pre>{@code
 * EventHandlers handlers = EventHandlers.builder()
 *         .on(EventCatalog.ORDER_PLACED, (event, placed) -> reserve(placed))
 *         .on(EventCatalog.ORDER_CONFIRMED, (event, confirmed) -> stock.confirm(event.aggregateId()))
 *         .ignore(EventCatalog.ORDER_REJECTED)
 *         .build();
 * }</pre>
 *
 * A type neither handled nor ignored is refused with {@link RejectedEventException}, so it goes to the dead-letter
 * topic instead of being dropped without a trace (declare the types a subscription means to skip with
 * {@link Builder#ignore}).
 */
public final class EventHandlers {

    /** Applies one event with its decoded payload. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(EventEnvelope event, T payload) throws Exception;
    }

    private record Typed<T>(EventType<T> type, Handler<T> handler) {
        void apply(EventEnvelope event) throws Exception {
            handler.handle(event, EventCodec.payload(event, type));
        }
    }

    private final Map<String, Typed<?>> handlers;
    private final Set<String> ignored;

    private EventHandlers(Map<String, Typed<?>> handlers, Set<String> ignored) {
        this.handlers = Map.copyOf(handlers);
        this.ignored = Set.copyOf(ignored);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Hands the event to the handler of its type; an ignored type does nothing, an unknown one is refused. */
    public void dispatch(EventEnvelope event) throws Exception {
        Typed<?> typed = handlers.get(event.type());
        if (typed != null) {
            typed.apply(event);
            return;
        }
        if (!ignored.contains(event.type())) {
            throw new RejectedEventException("no handler for " + event.type() + " (handled: " + handlers.keySet()
                    + ", ignored: " + ignored + ")");
        }
    }

    /** Collects the handlers; each type once. */
    public static final class Builder {

        private final Map<String, Typed<?>> handlers = new HashMap<>();
        private final java.util.HashSet<String> ignored = new java.util.HashSet<>();

        private Builder() {}

        public <T> Builder on(EventType<T> type, Handler<T> handler) {
            requireNew(type);
            handlers.put(type.name(), new Typed<>(type, handler));
            return this;
        }

        /** Types the subscription receives on its topics and deliberately does nothing with. */
        public Builder ignore(EventType<?>... types) {
            for (EventType<?> type : types) {
                requireNew(type);
                ignored.add(type.name());
            }
            return this;
        }

        private void requireNew(EventType<?> type) {
            if (handlers.containsKey(type.name()) || ignored.contains(type.name())) {
                throw new IllegalArgumentException(type.name() + " is declared twice");
            }
        }

        public EventHandlers build() {
            return new EventHandlers(handlers, ignored);
        }
    }
}
