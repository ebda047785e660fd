package dev.storefront.loadtests;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Many notification streams ({@code GET /api/v1/notifications/stream}, Server-Sent Events) held open by one client at
 * once, without a thread per stream: one {@link HttpClient} over HTTP/1.1 (one connection per stream), each response
 * body read line by line by a {@link Flow.Subscriber} on the client's executor, so thousands of idle streams cost
 * this JVM a socket and a few buffers each. Every {@code notification} event is handed to the listener with the
 * moment it was taken off the wire, in epoch microseconds from this JVM's clock (the services write their timestamps
 * from the same machine's clock).
 *
 * <p>A stream counts as open once the server sent its {@code status} event, the first thing it writes; one the server
 * refused (e.g. 429 at a limit) counts as refused, one that broke before or after that as failed or ended.
 */
final class NotificationStreams implements AutoCloseable {

    static final String PATH = "/api/v1/notifications/stream";

    /**
     * One {@code notification} event as it arrived: the stream's customer, the notification's kind, order and id,
     * when notification-service created it ({@code createdAt}) and when this client received it, both in epoch
     * microseconds.
     */
    record Push(String customer, String kind, String orderId, String id, long createdAtMicros, long receivedAtMicros) {

        long latencyMicros() {
            return receivedAtMicros - createdAtMicros;
        }
    }

    /** What the client saw so far. */
    record Counts(long opened, long refused, long failed, long endedEarly, long events, long heartbeats, long open) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI uri;
    private final Consumer<Push> listener;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong endedEarly = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();
    private volatile boolean closing;

    NotificationStreams(String baseUrl, Consumer<Push> listener) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.uri = URI.create(baseUrl + PATH);
        this.listener = listener;
    }

    /** The time now in epoch microseconds (the JDK's clock has microsecond resolution on Linux). */
    static long nowMicros() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
    }

    /**
     * Opens a stream for {@code customer} with its bearer token; the future gives the HTTP status once the server has
     * accepted the stream (200, after its {@code status} event) or refused it, and fails when the connection failed.
     */
    CompletableFuture<Integer> open(String customer, String token) {
        Stream stream = new Stream(customer);
        streams.add(stream);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        http.sendAsync(request, info -> {
                    if (info.statusCode() != 200) {
                        stream.refused(info.statusCode());
                        return HttpResponse.BodySubscribers.discarding();
                    }
                    return HttpResponse.BodySubscribers.fromLineSubscriber(stream, s -> null, UTF_8, null);
                })
                .whenComplete((response, error) -> stream.ended(error));
        return stream.accepted;
    }

    Counts counts() {
        return new Counts(
                opened.get(),
                refused.get(),
                failed.get(),
                endedEarly.get(),
                events.get(),
                heartbeats.get(),
                streams.stream().filter(s -> s.open).count());
    }

    /** Ends every stream (the server sees its connection close) and the client. */
    @Override
    public void close() {
        closing = true;
        streams.forEach(Stream::cancel);
        streams.clear();
        http.shutdownNow();
    }

    /** One stream: a line subscriber that parses SSE frames (id, event, data, comments) as an EventSource does. */
    private final class Stream implements Flow.Subscriber<String> {

        private final String customer;
        private final CompletableFuture<Integer> accepted = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean open;
        private String event;
        private StringBuilder data;

        Stream(String customer) {
            this.customer = customer;
        }

        void refused(int status) {
            refused.incrementAndGet();
            streams.remove(this);
            accepted.complete(status);
        }

        void ended(Throwable error) {
            streams.remove(this);
            if (accepted.isDone() && !open) {
                return; // refused
            }
            if (!accepted.isDone()) {
                failed.incrementAndGet();
                accepted.completeExceptionally(
                        error == null ? new IOException("stream of " + customer + " ended before it opened") : error);
            } else if (!closing) {
                endedEarly.incrementAndGet();
            }
            open = false;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith(":")) {
                heartbeats.incrementAndGet();
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    event = value;
                } else if (field.equals("data")) {
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
        }

        private void dispatch() {
            long received = nowMicros();
            String name = event;
            String body = data == null ? null : data.toString();
            event = null;
            data = null;
            if (body == null) {
                return;
            }
            if ("status".equals(name)) {
                if (!open) {
                    open = true;
                    opened.incrementAndGet();
                    accepted.complete(200);
                }
            } else if ("notification".equals(name)) {
                events.incrementAndGet();
                try {
                    JsonNode n = JSON.readTree(body);
                    listener.accept(new Push(
                            customer,
                            n.path("kind").asText(),
                            n.path("orderId").asText(),
                            n.path("id").asText(),
                            micros(n.path("createdAt")),
                            received));
                } catch (IOException | RuntimeException e) {
                    // An event this client cannot read is counted, not timed.
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // ended() runs from the response future with the same error
        }

        @Override
        public void onComplete() {
            // ended() runs from the response future
        }
    }

    /** An instant as the service writes it: ISO-8601 text, or epoch seconds with a fraction, or epoch milliseconds. */
    static long micros(JsonNode value) {
        if (value.isTextual()) {
            Instant at = Instant.parse(value.asText());
            return TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + at.getNano() / 1_000;
        }
        if (value.isIntegralNumber()) {
            return value.asLong() * 1_000;
        }
        return new BigDecimal(value.asText()).movePointRight(6).longValue();
    }
}
