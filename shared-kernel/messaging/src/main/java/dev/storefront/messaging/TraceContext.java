package dev.storefront.messaging;

import dev.storefront.events.Traceparent;
import io.micronaut.http.context.ServerRequestContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trace an event written now belongs to: the event being consumed on this thread, else the {@code traceparent}
 * header of the HTTP request being served, else a new trace. Each event takes a child span of it.
 */
public final class TraceContext {

    private static final ThreadLocal<Traceparent> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<String> CONSUMING = new ThreadLocal<>();

    private TraceContext() {}

    public static Traceparent forNewEvent() {
        return current().map(Traceparent::child).orElseGet(Traceparent::newRoot);
    }

    public static Optional<Traceparent> current() {
        Traceparent consuming = CURRENT.get();
        if (consuming != null) {
            return Optional.of(consuming);
        }
        return ServerRequestContext.currentRequest()
                .flatMap(request -> Optional.ofNullable(request.getHeaders().get("traceparent")))
                .flatMap(Traceparent::parse);
    }

    /** The id of the event being handled on this thread: the cause of any event written now. */
    public static Optional<String> consumedEventId() {
        return Optional.ofNullable(CONSUMING.get());
    }

    /** Runs {@code work} as the handling of event {@code eventId}, part of {@code trace}. */
    static <T> T within(Traceparent trace, String eventId, Supplier<T> work) {
        CURRENT.set(trace);
        CONSUMING.set(eventId);
        try {
            return work.get();
        } finally {
            CURRENT.remove();
            CONSUMING.remove();
        }
    }
}
