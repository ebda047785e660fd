package dev.storefront.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * {@code GET /api/v1/hello} at a fixed arrival rate: the cheapest thing the catalog-service serves, the baseline of
 * target P1. The service must run with {@code STOREFRONT_BENCHMARK_HELLO=true}. Settings: {@link LoadSettings}.
 */
public class HelloSimulation extends Simulation {

    public HelloSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        ScenarioBuilder hello = scenario("hello")
                .exec(Timed.request(http("hello").get("/api/v1/hello").check(status().is(200))));
        setUp(hello.injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(settings.protocol());
    }
}
