package dev.storefront.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * {@code GET /api/v1/products/{sku}} at a fixed arrival rate over the generated products, uniformly or with a Zipf
 * skew ({@link SkuFeeder}). Every arrival is one anonymous read that must answer 200. Settings: {@link LoadSettings}.
 */
public class ProductReadSimulation extends Simulation {

    public ProductReadSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        ScenarioBuilder reads = scenario("product reads")
                .feed(new SkuFeeder(settings.products(), settings.zipfExponent()))
                .exec(Timed.request(
                        http("product").get("/api/v1/products/#{sku}").check(status().is(200))));
        setUp(reads.injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(settings.protocol());
    }
}
