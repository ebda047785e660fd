package dev.storefront.platform.ratelimit;

import dev.storefront.platform.web.Problem;
import dev.storefront.platform.web.ProblemDetailsErrorResponseProcessor;
import dev.storefront.platform.web.ProblemType;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Limits how often one caller may use the API ({@link RateLimitRule}s, buckets in Redis shared by every instance): per
 * token subject and per client address, checked after authentication, before the request reaches a controller. Over
 * a limit the answer is 429 {@code too-many-requests} with {@code Retry-After}, and nothing is changed; every limited
 * answer carries {@code RateLimit-Policy}, {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code
 * RateLimit-Reset} of its tightest bucket. When Redis does not answer within the timeout the request goes on
 * (fail open), or is refused with 503 when {@code fail-closed} (docs/adr/0019).
 */
@ServerFilter({"/api/**", "/admin/**"})
@Requires(property = "storefront.rate-limits.enabled", value = "true")
class RateLimitFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

    /** The bucket of a request that has the fewest tokens left, for the response headers. */
    private record Taken(RateLimitRule.Limit limit, ConsumptionProbe probe) {}

    private final List<RateLimitRule> rules;
    private final RedisBuckets buckets;
    private final RateLimitSettings settings;
    private final HttpClientAddressResolver addresses;
    private final String service;
    private final Counter rejected;
    private final Counter unavailable;

    RateLimitFilter(
            List<RateLimitRule> rules,
            RedisBuckets buckets,
            RateLimitSettings settings,
            HttpClientAddressResolver addresses,
            MeterRegistry meters,
            @io.micronaut.context.annotation.Value("${micronaut.application.name:service}") String service) {
        this.rules = List.copyOf(rules);
        this.buckets = buckets;
        this.settings = settings;
        this.addresses = addresses;
        this.service = service;
        this.rejected = Counter.builder("storefront.ratelimit.rejected")
                .description("Requests refused with 429 because a rate limit was reached")
                .register(meters);
        this.unavailable = Counter.builder("storefront.ratelimit.unavailable")
                .description("Requests whose rate limit could not be checked because Redis did not answer in time")
                .register(meters);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /** Takes the request's tokens, then answers 429 (or 503) itself, or lets it go on with the headers added. */
    @RequestFilter
    Publisher<MutableHttpResponse<?>> limit(
            HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        List<CompletableFuture<Taken>> takes = new ArrayList<>();
        Optional<String> subject =
                request.getUserPrincipal(Authentication.class).map(Authentication::getName);
        String client = addresses.resolve(request);
        for (RateLimitRule rule : rules) {
            if (!rule.matches(request.getMethod(), request.getPath())) {
                continue;
            }
            if (rule.subjectCapacity() > 0 && subject.isPresent()) {
                takes.add(take(rule.perSubject(), subject.get()));
            }
            if (rule.clientCapacity() > 0 && client != null) {
                takes.add(take(rule.perClient(), client));
            }
        }
        if (takes.isEmpty()) {
            return chain.proceed();
        }
        CompletableFuture<Decision> decision = CompletableFuture.allOf(takes.toArray(CompletableFuture[]::new))
                .handle((done, error) -> error != null ? unavailable(request, error) : decide(request, takes));
        return Mono.fromFuture(decision)
                .flatMap(decided -> decided.refusal() != null
                        ? Mono.just(decided.refusal())
                        : Mono.from(chain.proceed()).map(response -> {
                            if (decided.tightest() != null) {
                                withHeaders(response, decided.tightest());
                            }
                            return response;
                        }));
    }

    /** Either a refusal to send, or the request may go on (with the bucket its headers describe, if any). */
    private record Decision(
            @Nullable MutableHttpResponse<?> refusal,
            @Nullable Taken tightest) {}

    private Decision decide(HttpRequest<?> request, List<CompletableFuture<Taken>> takes) {
        Taken tightest = null;
        for (CompletableFuture<Taken> take : takes) {
            Taken taken = take.join();
            if (!taken.probe().isConsumed()) {
                return new Decision(tooMany(request, taken), null);
            }
            if (tightest == null
                    || taken.probe().getRemainingTokens() < tightest.probe().getRemainingTokens()) {
                tightest = taken;
            }
        }
        return new Decision(null, tightest);
    }

    private CompletableFuture<Taken> take(RateLimitRule.Limit limit, String who) {
        String key = "ratelimit:" + service + ":" + limit.rule().name() + ":" + limit.kind() + ":" + who;
        return buckets.take(key, limit).thenApply(probe -> new Taken(limit, probe));
    }

    private Decision unavailable(HttpRequest<?> request, Throwable error) {
        unavailable.increment();
        LOG.warn(
                "Rate limit of {} {} not checked, Redis did not answer: {}",
                request.getMethod(),
                request.getPath(),
                error.toString());
        if (!settings.failClosed()) {
            return new Decision(null, null);
        }
        return new Decision(
                problem(
                                request,
                                HttpStatus.SERVICE_UNAVAILABLE,
                                ProblemType.SERVICE_UNAVAILABLE,
                                "Rate limits cannot be checked just now; try again shortly.",
                                "rate-limit-unavailable")
                        .header("Retry-After", "1"),
                null);
    }

    private MutableHttpResponse<?> tooMany(HttpRequest<?> request, Taken taken) {
        rejected.increment();
        long retryAfter = seconds(taken.probe().getNanosToWaitForRefill());
        return withHeaders(
                        problem(
                                request,
                                HttpStatus.TOO_MANY_REQUESTS,
                                ProblemType.TOO_MANY_REQUESTS,
                                "At most " + taken.limit().capacity() + " such requests per "
                                        + taken.limit().rule().period().toSeconds() + " s per "
                                        + taken.limit().kind() + "; retry after " + retryAfter + " s.",
                                "rate-limited"),
                        taken)
                .header("Retry-After", Long.toString(retryAfter));
    }

    private static MutableHttpResponse<?> problem(
            HttpRequest<?> request, HttpStatus status, ProblemType type, String detail, String code) {
        return HttpResponse.status(status)
                .contentType(ProblemDetailsErrorResponseProcessor.APPLICATION_PROBLEM_JSON)
                .body(new Problem(
                        type.uri(), type.title(), status.getCode(), detail, request.getPath(), code, List.of()));
    }

    private static MutableHttpResponse<?> withHeaders(MutableHttpResponse<?> response, Taken taken) {
        return response.header("RateLimit-Policy", taken.limit().policy())
                .header("RateLimit-Limit", Long.toString(taken.limit().capacity()))
                .header("RateLimit-Remaining", Long.toString(taken.probe().getRemainingTokens()))
                .header("RateLimit-Reset", Long.toString(seconds(taken.probe().getNanosToWaitForReset())));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
