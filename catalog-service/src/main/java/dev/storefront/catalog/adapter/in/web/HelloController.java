package dev.storefront.catalog.adapter.in.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The baseline of the catalog benchmark (targets P1): the cheapest endpoint the same service can serve. Present only
 * when {@code storefront.benchmark.hello.enabled} is true.
 */
@Hidden
@Controller("/api/v1/hello")
@Requires(property = "storefront.benchmark.hello.enabled", value = "true")
class HelloController {

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.TEXT_PLAIN)
    String hello() {
        return "hello";
    }
}
