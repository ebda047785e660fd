package dev.storefront.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for tests, as a browser's EventSource reads a stream: it parses {@code id}, {@code event}
 * and {@code data} fields and comment lines from a real HTTP connection on a thread of its own, and queues each event
 * for the test to take with a deadline.
 */
public final class SseStream implements AutoCloseable {

    /** One event as received; {@code comment} is set for a comment-only frame (a heartbeat). */
    public record Event(String id, String name, String data, String comment) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;
    private final Thread reader;
    private volatile boolean ended;

    private SseStream(HttpResponse<java.io.InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens the stream; the returned stream's {@link #status()} says whether the server accepted it. */
    public static SseStream open(URI base, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/notifications/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new SseStream(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            String comment = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || comment != null) {
                        events.add(new Event(id, name, data == null ? null : data.toString(), comment));
                    }
                    id = null;
                    name = null;
                    comment = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comment = line.substring(1).strip();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {}
                    }
                }
            }
        } catch (Exception e) {
            // The connection ended (closed by either side).
        } finally {
            ended = true;
        }
    }

    /** The next event with a name of {@code name} (others are skipped), waiting at most {@code patience}. */
    public Event next(String name, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = events.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no '" + name + "' event within " + patience);
            }
            if (name.equals(event.name())) {
                return event;
            }
        }
    }

    /** Every event with that name received within {@code window}. */
    public List<Event> during(String name, Duration window) throws InterruptedException {
        List<Event> received = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return received;
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && name.equals(event.name())) {
                received.add(event);
            }
        }
    }

    /** The next event of any kind, heartbeats included. */
    public Event nextAny(Duration patience) throws InterruptedException {
        Event event = events.poll(patience.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            throw new AssertionError("nothing within " + patience);
        }
        return event;
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (Exception e) {
            // Already closed.
        }
        reader.interrupt();
    }
}
