package dev.storefront.loadtests;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * What a simulation runs, from system properties, so the same simulation serves a hand-run ({@code -Dbench.rate=...}
 * on the Maven command line) and the benchmark driver.
 *
 * <ul>
 *   <li>{@code bench.baseUrl}: the service, default {@code http://127.0.0.1:8081}
 *   <li>{@code bench.rate}: arrivals per second, each one request (open model), default 100
 *   <li>{@code bench.seconds}: how long arrivals go on, default 30
 *   <li>{@code bench.products}: products read, {@code SKU-0000001} to this, default 1000
 *   <li>{@code bench.zipf}: Zipf exponent of the read mix over those products; 0 (default) reads them uniformly
 * </ul>
 */
record LoadSettings(String baseUrl, double rate, Duration duration, int products, double zipfExponent) {

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                System.getProperty("bench.baseUrl", "http://127.0.0.1:8081"),
                Double.parseDouble(System.getProperty("bench.rate", "100")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "30"))),
                Integer.parseInt(System.getProperty("bench.products", "1000")),
                Double.parseDouble(System.getProperty("bench.zipf", "0")));
    }

    /**
     * Connections are shared by all virtual users, as a fleet of clients behind one proxy would: every arrival is a
     * new user, and a connection per user would measure TCP handshakes instead of the service. Gatling's warm-up
     * request to an outside site and its per-user HTTP cache are off.
     */
    HttpProtocolBuilder protocol() {
        return http.baseUrl(baseUrl)
                .shareConnections()
                .disableWarmUp()
                .disableCaching()
                .acceptHeader("application/json, text/plain")
                .userAgentHeader("storefront-load-tests");
    }
}
