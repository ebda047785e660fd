package dev.storefront.platform.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.authentication.Authentication;

/**
 * {@code /health} shows its details (every indicator, the consumers' last failures, database and broker state) to
 * administrators only. Micronaut can show details to nobody, to everybody or to every authenticated caller
 * ({@code endpoints.health.details-visible}); the services set the last, and this filter reduces the answer to the
 * overall status for any caller without the {@value Roles#ADMIN} role. Anonymous callers, load balancers and probes get
 * the status, as before.
 */
@ServerFilter({"/health", "/health/**"})
class HealthDetailsForAdminsFilter {

    @ResponseFilter
    void statusOnlyUnlessAdmin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(response.getBody().orElse(null) instanceof HealthResult health) || isAdmin(request)) {
            return;
        }
        ((MutableHttpResponse<Object>) response)
                .body(HealthResult.builder(health.getName(), health.getStatus()).build());
    }

    private static boolean isAdmin(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(principal -> principal.getRoles().contains(Roles.ADMIN))
                .orElse(false);
    }
}
