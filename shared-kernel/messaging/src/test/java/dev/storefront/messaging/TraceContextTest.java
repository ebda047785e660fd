package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.events.Traceparent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final Traceparent CONSUMED = Traceparent.parse(
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .orElseThrow();
    private static final Traceparent REQUEST = Traceparent.parse(
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
            .orElseThrow();

    private static <T> T serving(HttpRequest<?> request, Supplier<T> work) {
        return ServerRequestContext.with(request, work);
    }

    @Test
    void withNothingToFollowAnEventStartsANewTrace() {
        assertThat(TraceContext.current()).isEmpty();
        assertThat(TraceContext.consumedEventId()).isEmpty();

        Traceparent first = TraceContext.forNewEvent();
        Traceparent second = TraceContext.forNewEvent();

        assertThat(first.traceId()).isNotEqualTo(second.traceId());
        assertThat(first.flags()).isEqualTo("01");
    }

    @Test
    void whileAnEventIsHandledNewEventsContinueItsTraceAndNameItAsTheirCause() {
        String result = TraceContext.within(CONSUMED, "event-1", () -> {
            assertThat(TraceContext.current()).contains(CONSUMED);
            assertThat(TraceContext.consumedEventId()).contains("event-1");
            Traceparent child = TraceContext.forNewEvent();
            assertThat(child.traceId()).isEqualTo(CONSUMED.traceId());
            assertThat(child.spanId()).isNotEqualTo(CONSUMED.spanId());
            assertThat(child.flags()).isEqualTo(CONSUMED.flags());
            return "handled";
        });

        assertThat(result).isEqualTo("handled");
        assertThat(TraceContext.current()).isEmpty();
        assertThat(TraceContext.consumedEventId()).isEmpty();
    }

    @Test
    void theHandledEventIsForgottenEvenWhenItsHandlingFails() {
        assertThatThrownBy(() -> TraceContext.within(CONSUMED, "event-2", () -> {
                    throw new IllegalStateException("handler failed");
                }))
                .hasMessage("handler failed");

        assertThat(TraceContext.current()).isEmpty();
        assertThat(TraceContext.consumedEventId()).isEmpty();
    }

    @Test
    void anHttpRequestsTraceparentIsFollowed() {
        HttpRequest<?> request = HttpRequest.GET("/orders").header("traceparent", REQUEST.toString());

        Optional<Traceparent> current = serving(request, TraceContext::current);
        Traceparent child = serving(request, TraceContext::forNewEvent);

        assertThat(current).contains(REQUEST);
        assertThat(child.traceId()).isEqualTo(REQUEST.traceId());
        assertThat(child.spanId()).isNotEqualTo(REQUEST.spanId());
    }

    @Test
    void theConsumedEventWinsOverTheRequest() {
        HttpRequest<?> request = HttpRequest.GET("/orders").header("traceparent", REQUEST.toString());

        Optional<Traceparent> current =
                serving(request, () -> TraceContext.within(CONSUMED, "event-3", TraceContext::current));

        assertThat(current).contains(CONSUMED);
    }

    @Test
    void aRequestWithoutAValidTraceparentStartsNothing() {
        assertThat(serving(HttpRequest.GET("/orders"), TraceContext::current)).isEmpty();
        assertThat(serving(HttpRequest.GET("/orders").header("traceparent", "not-a-trace"), TraceContext::current))
                .isEmpty();
    }
}
