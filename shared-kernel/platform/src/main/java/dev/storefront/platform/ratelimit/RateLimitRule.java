package dev.storefront.platform.ratelimit;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.HttpMethod;
import java.time.Duration;
import java.util.List;

/**
 * One limit ({@code storefront.rate-limits.rules.<name>.*}): requests whose method is one of {@code methods} (any,
 * when empty) and whose path matches {@code path} (Ant style, {@code /api/v1/carts/**}) may come {@code
 * subject-capacity} times per {@code period} for one token subject, and {@code client-capacity} times per {@code
 * period} from one client address (more: many customers can share an address), each bucket refilled smoothly. A
 * capacity of 0 means no bucket of that kind. A request is counted against every rule it matches.
 */
@EachProperty("storefront.rate-limits.rules")
public record RateLimitRule(
        @Parameter String name,
        @Bindable(defaultValue = "") List<String> methods,
        String path,
        @Bindable(defaultValue = "0") long subjectCapacity,
        @Bindable(defaultValue = "0") long clientCapacity,
        @Bindable(defaultValue = "1m") Duration period) {

    public RateLimitRule {
        if (subjectCapacity < 0 || clientCapacity < 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException(
                    "storefront.rate-limits.rules." + name + ": capacities must be >= 0 and the period positive");
        }
        methods = methods == null
                ? List.of()
                : methods.stream()
                        .filter(m -> !m.isBlank())
                        .map(String::toUpperCase)
                        .toList();
    }

    boolean matches(HttpMethod method, String requestPath) {
        return (methods.isEmpty() || methods.contains(method.name())) && PathMatcher.ANT.matches(path, requestPath);
    }

    /** One of the rule's two buckets. */
    record Limit(RateLimitRule rule, String kind, long capacity) {

        /** What the {@code RateLimit-Policy} header says of it: {@code 30;w=60}. */
        String policy() {
            return capacity + ";w=" + Math.max(1, rule.period().toSeconds());
        }
    }

    Limit perSubject() {
        return new Limit(this, "subject", subjectCapacity);
    }

    Limit perClient() {
        return new Limit(this, "client", clientCapacity);
    }
}
