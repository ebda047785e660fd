package dev.storefront.loadtests;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** Wraps a request so that {@link LatencyRecorder} sees its latency from the virtual user's arrival. */
final class Timed {

    private static final String ARRIVAL = "arrivalNanos";

    private Timed() {}

    static ChainBuilder request(HttpRequestActionBuilder request) {
        return exec(session -> session.set(ARRIVAL, System.nanoTime()))
                .exec(request)
                .exec(session -> {
                    LatencyRecorder.record(session.getLong(ARRIVAL), session.isFailed());
                    return session;
                });
    }
}
