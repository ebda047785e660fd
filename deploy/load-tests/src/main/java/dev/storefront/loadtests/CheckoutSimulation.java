package dev.storefront.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * {@code POST /api/v1/orders} at a fixed arrival rate: every arrival is a shopper checking out a cart prepared
 * beforehand ({@link PreparedCarts}), with a fresh Idempotency-Key, and must get 201. Settings: {@link LoadSettings}.
 */
public class CheckoutSimulation extends Simulation {

    public CheckoutSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        ScenarioBuilder checkouts = scenario("checkouts")
                .feed(PreparedCarts.feeder())
                .exec(Timed.request(http("checkout")
                        .post("/api/v1/orders")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "#{key}")
                        .header("Content-Type", "application/json")
                        .body(StringBody("{\"cartId\":\"#{cartId}\"}"))
                        .check(status().is(201))));
        setUp(checkouts.injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(settings.protocol());
    }
}
