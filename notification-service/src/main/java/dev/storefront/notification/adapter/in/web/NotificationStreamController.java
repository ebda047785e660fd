package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.DomainException;
import dev.storefront.notification.application.port.in.MaintainStreamsUseCase;
import dev.storefront.notification.application.port.in.StreamNotificationsUseCase;
import dev.storefront.notification.domain.Notification;
import dev.storefront.platform.security.Roles;
import dev.storefront.platform.web.OpenApiRefs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * {@code GET /api/v1/notifications/stream}: the caller's new notifications as Server-Sent Events. Each event is named
 * {@code notification}, carries the notification as JSON and its id as the SSE id, so a browser's EventSource that
 * reconnects sends {@code Last-Event-ID} and receives exactly what it missed. Idle streams get a comment line every
 * heartbeat; a {@code status} event says whether pushes are live or the instance polls (Redis away). A client too slow
 * to take its events (more than a buffer's worth pending) is disconnected and resumes from its last id.
 */
@Controller("/api/v1/notifications/stream")
@Secured(Roles.CUSTOMER)
@Tag(name = "notifications", description = "A customer's notifications about their orders, and how each was delivered.")
@SecurityRequirement(name = ApiDocs.BEARER)
@ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(
        responseCode = "429",
        ref = OpenApiRefs.TOO_MANY_REQUESTS,
        description =
                "too-many-requests: a rate limit of this route (code rate-limited), or too many open streams (code"
                        + " too-many-streams: the customer holds the most streams a customer may, 5 by default, or this"
                        + " instance holds its maximum). Retry after Retry-After seconds.")
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class NotificationStreamController implements GracefulShutdownCapable {

    /** How long an EventSource waits before reconnecting after the stream ends. */
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private static final int BUFFER = 256;

    private final StreamNotificationsUseCase streams;
    private final MaintainStreamsUseCase maintenance;

    NotificationStreamController(StreamNotificationsUseCase streams, MaintainStreamsUseCase maintenance) {
        this.streams = streams;
        this.maintenance = maintenance;
    }

    /**
     * The token's customer's new notifications, live, as Server-Sent Events, from now on or, with {@code
     * Last-Event-ID}, from after that notification.
     */
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "streamNotifications")
    @ApiResponse(
            responseCode = "200",
            description = "Server-Sent Events until the client disconnects, falls behind or the service shuts down. An"
                    + " event named notification carries a notification as JSON (the items of listNotifications), with"
                    + " its id as the event id and a retry of 2000 ms; an event named status carries"
                    + " {\"push\": \"live\"} or {\"push\": \"polling\"} (Redis away: the instance polls), once when"
                    + " the stream opens and whenever that changes; a comment line, heartbeat, comes on every stream"
                    + " each heartbeat interval (15 s by default), so that proxies keep idle streams open.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM,
                            schema =
                                    @Schema(
                                            type = "string",
                                            description = "text/event-stream: event, id, retry and data fields and"
                                                    + " comment lines, events apart by an empty line; open-ended")))
    Publisher<Event<Object>> stream(
            Authentication authentication,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the id of the last notification event received (an EventSource sends it when"
                                    + " it reconnects); the stream starts after that notification. Absent, blank or"
                                    + " not one of the customer's notifications: from now on; not a UUID: 400",
                            schema = @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH))
                    @Nullable
                    @io.micronaut.http.annotation.Header("Last-Event-ID")
                    String lastEventId) {
        Sinks.Many<Event<Object>> sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<Event<Object>>get(BUFFER).get());
        StreamNotificationsUseCase.Stream stream = streams.open(
                NotificationController.customer(authentication), lastSeen(lastEventId), new SinkListener(sink));
        return sink.asFlux().doFinally(signal -> stream.close());
    }

    private static Optional<UUID> lastSeen(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(lastEventId.strip()));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("invalid-last-event-id", "Last-Event-ID is the id of a notification");
        }
    }

    /** Ends every open stream when the service shuts down, so that the server does not wait for them. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        maintenance.closeAll();
        return CompletableFuture.completedFuture(null);
    }

    /** Writes a stream's events into its sink; the use case calls it one call at a time. */
    private static final class SinkListener implements StreamNotificationsUseCase.Listener {

        private final Sinks.Many<Event<Object>> sink;

        SinkListener(Sinks.Many<Event<Object>> sink) {
            this.sink = sink;
        }

        @Override
        public void notification(Notification notification) {
            emit(Event.<Object>of(NotificationDtos.NotificationResponse.of(notification))
                    .id(notification.id().toString())
                    .name("notification")
                    .retry(RECONNECT));
        }

        @Override
        public void heartbeat() {
            emit(Event.<Object>of("").comment("heartbeat"));
        }

        @Override
        public void live(boolean pushed) {
            emit(Event.<Object>of(new NotificationDtos.StreamStatus(pushed ? "live" : "polling"))
                    .name("status"));
        }

        @Override
        public void closed() {
            sink.tryEmitComplete();
        }

        private void emit(Event<Object> event) {
            Sinks.EmitResult result = sink.tryEmitNext(event);
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                // Too far behind: end the stream; the client reconnects from its last event id and misses nothing.
                sink.tryEmitComplete();
            }
        }
    }
}
