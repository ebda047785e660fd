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

    /** Runs {@code work} as part of {@code trace} (used while handling a consumed event). */
    static <T> T within(Traceparent trace, Supplier<T> work) {
        Traceparent previous = CURRENT.get();
        CURRENT.set(trace);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
