package dev.storefront.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The OWASP API Security Top 10 (2023) checks, run by every service against itself over real HTTP. The routes come
 * from the running service's router (every route it really serves, with the roles its {@code @Secured} requires) and
 * must all be in its generated OpenAPI document, whose operations say which query parameters and request bodies each
 * route takes: a new endpoint is covered the day it is added, without anyone listing it here.
 *
 * <ul>
 *   <li>API1 object-level authorization: every route naming a resource a customer owns answers another customer 404,
 *       leaks nothing of the owner, and changes nothing the owner sees.
 *   <li>API2 authentication: every route that needs a token refuses each of {@link RefusedTokens} (and a token that is
 *       not a JWT, and none) with the same 401 problem, so the answer tells an attacker nothing about what was wrong.
 *   <li>API3 property-level authorization: server-owned properties a client adds to a body ({@code price},
 *       {@code total}, {@code status}, {@code customerId}, {@code version}...) are ignored or refused, never applied;
 *       responses carry no internal fields.
 *   <li>API4 resource consumption: page sizes beyond the maximum, bodies over the size limit, strings over their
 *       documented length and numbers over their documented maximum are refused with a problem; responses carry the
 *       rate-limit headers.
 *   <li>API5 function-level authorization: every ADMIN route refuses a CUSTOMER token with 403.
 * </ul>
 *
 * Each family prints how many checks it made ({@code OWASP <service> API1: n checks over m routes}).
 */
public abstract class OwaspApiTop10Contract {

    /** Served by the platform itself: probes, metrics and the documents; covered by {@link ServiceContract}. */
    private static final List<String> INFRASTRUCTURE = List.of("/health", "/prometheus", "/swagger");

    /** The shared messaging module's admin routes: every service serves them; they are not in its own document. */
    private static final List<String> SHARED = List.of("/admin/dead-letters", "/admin/outbox");

    private static final String SECURED = "io.micronaut.security.annotation.Secured";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}?]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENTINEL = "owasp-sentinel";
    private static final long SENTINEL_NUMBER = 987_654_321L;

    /** Field names no response may carry: storage internals and secrets. */
    private static final Set<String> INTERNAL_FIELDS = Set.of(
            "seq",
            "sequence",
            "sourceEventId",
            "password",
            "passwordHash",
            "secret",
            "privateKey",
            "signingKey",
            "stackTrace",
            "exception",
            "sqlState",
            "lease",
            "leaseUntil");

    /** A route as the running service serves it, with its operation in the OpenAPI document. */
    public record Route(String method, String template, Set<String> roles, boolean streams, JsonNode operation) {

        /** An ADMIN route: one that says so in its {@code @Secured}, and everything under {@code /admin/}. */
        boolean adminOnly() {
            return template.startsWith("/admin/")
                    || roles.contains("ADMIN") && !roles.contains("CUSTOMER") && !anonymous();
        }

        boolean anonymous() {
            return roles.contains("isAnonymous()");
        }

        boolean takesBody() {
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        }

        boolean shared() {
            return SHARED.stream().anyMatch(template::startsWith);
        }

        List<String> variables() {
            List<String> names = new ArrayList<>();
            Matcher matcher = VARIABLE.matcher(template);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        String path(Map<String, String> values) {
            String path = template;
            for (String name : variables()) {
                path = path.replace("{" + name + "}", values.getOrDefault(name, "X1-" + name));
            }
            return path;
        }

        boolean hasQueryParameter(String name) {
            for (JsonNode parameter : operation.path("parameters")) {
                if ("query".equals(parameter.path("in").asText())
                        && name.equals(parameter.path("name").asText())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private final Map<String, AtomicInteger> checks = new LinkedHashMap<>();
    private List<Route> routes;
    private JsonNode document;
    private String owner;
    private Map<String, String> values;

    protected abstract URI baseUri();

    /** The running service's context, for its router. */
    protected abstract ApplicationContext context();

    /** The name the OpenAPI document is served under, e.g. {@code order-service-v1.yml}. */
    protected abstract String openApiDocument();

    /**
     * Creates what the routes' path variables name, owned by {@code owner} where a customer owns it, and returns the
     * values by variable name (a variable without a value gets a made-up one).
     */
    protected abstract Map<String, String> resourcesOf(String owner);

    /** The path variables naming a resource that a customer owns (API1). */
    protected abstract Set<String> ownedPathVariables();

    /** A body the route accepts from its caller; {@code {}} unless the service knows better. */
    protected String sampleBody(Route route, Map<String, String> values) {
        return "{}";
    }

    /** Headers the route needs besides the token (e.g. an Idempotency-Key); none by default. */
    protected Map<String, String> sampleHeaders(Route route, Map<String, String> values) {
        return Map.of();
    }

    /**
     * What the owner of the resources sees of them, to compare before and after another customer's attempts (API1)
     * and after server-owned properties were sent (API3). Empty by default.
     */
    protected String ownerView(String owner, Map<String, String> values) {
        return "";
    }

    private ApiClient api() {
        return ApiClient.at(baseUri());
    }

    private String service() {
        return openApiDocument().replaceAll("-v\\d+\\.yml$", "");
    }

    private void count(String family) {
        checks.computeIfAbsent(family, f -> new AtomicInteger()).incrementAndGet();
    }

    @AfterAll
    void reportCounts() {
        checks.forEach((family, n) -> System.out.printf(
                "OWASP %s %s: %d checks over %d routes%n", service(), family, n.get(), routes().size()));
    }

    /** Every route the service serves, but the platform's own, in a stable order. */
    protected final synchronized List<Route> routes() {
        if (routes == null) {
            JsonNode paths = document().path("paths");
            routes = context()
                    .getBean(Router.class)
                    .uriRoutes()
                    .filter(r -> Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(r.getHttpMethodName()))
                    .map(r -> route(r, paths))
                    .filter(r -> INFRASTRUCTURE.stream().noneMatch(r.template()::startsWith))
                    .distinct()
                    .sorted(Comparator.comparing(Route::template).thenComparing(Route::method))
                    .toList();
        }
        return routes;
    }

    private static Route route(UriRouteInfo<?, ?> info, JsonNode paths) {
        String template = info.getUriMatchTemplate().toString();
        int query = template.indexOf("{?");
        if (query >= 0) {
            template = template.substring(0, query);
        }
        Set<String> roles =
                new LinkedHashSet<>(List.of(info.getAnnotationMetadata().stringValues(SECURED)));
        boolean streams = info.getProduces().stream().anyMatch(m -> m.toString().startsWith("text/event-stream"));
        String method = info.getHttpMethodName();
        return new Route(
                method,
                template,
                Set.copyOf(roles),
                streams,
                paths.path(template).path(method.toLowerCase(Locale.ROOT)));
    }

    private synchronized JsonNode document() {
        if (document == null) {
            ApiClient.Response served = api().get("/swagger/" + openApiDocument(), null, "*/*");
            assertThat(served.status()).as("the OpenAPI document is served").isEqualTo(200);
            try {
                document = new ObjectMapper(new YAMLFactory()).readTree(served.body());
            } catch (Exception e) {
                throw new IllegalStateException("the OpenAPI document does not parse", e);
            }
        }
        return document;
    }

    private synchronized Map<String, String> values() {
        if (values == null) {
            owner = "owasp-owner-" + UUID.randomUUID();
            values = Map.copyOf(resourcesOf(owner));
        }
        return values;
    }

    private String ownerToken() {
        values();
        return TestTokens.customer(owner);
    }

    /** The token a legitimate caller of the route sends. */
    private String callerToken(Route route) {
        return route.adminOnly() ? TestTokens.admin() : ownerToken();
    }

    private ApiClient.Response call(Route route, String token, String body) {
        Map<String, String> headers = new LinkedHashMap<>(sampleHeaders(route, values()));
        if (route.streams()) {
            headers.put("Accept", "text/event-stream");
        }
        return api().send(route.method(), route.path(values()), token, headers, route.takesBody() ? body : null);
    }

    private static void assertProblem(ApiClient.Response response, int status, String what) {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
    }

    @Test
    void everyRouteTheServiceServesIsInItsOpenApiDocument() {
        List<String> undocumented = routes().stream()
                .filter(r -> !r.shared() && r.operation().isMissingNode())
                .map(Route::toString)
                .toList();
        assertThat(routes()).as("routes found").isNotEmpty();
        assertThat(undocumented).as("routes missing from " + openApiDocument()).isEmpty();
    }

    @TestFactory
    Stream<DynamicNode> api1AnotherCustomersResourcesAreNotFoundAndUntouched() {
        Map<String, String> owned = values();
        List<Route> targets = routes().stream()
                .filter(r -> !r.adminOnly() && !r.anonymous())
                .filter(r -> r.variables().stream().anyMatch(ownedPathVariables()::contains))
                .toList();
        String before = ownerView(owner, owned);
        String intruder = "owasp-intruder-" + UUID.randomUUID();
        List<DynamicNode> tests = new ArrayList<>();
        for (Route route : targets) {
            tests.add(DynamicTest.dynamicTest(route.toString(), () -> {
                ApiClient.Response response = call(route, TestTokens.customer(intruder), sampleBody(route, owned));
                assertProblem(response, 404, route + " as another customer");
                assertThat(response.body()).as("nothing of the owner").doesNotContain(owner);
                count("API1");
            }));
        }
        tests.add(DynamicTest.dynamicTest("the owner sees the same afterwards", () -> {
            assertThat(ownerView(owner, owned)).isEqualTo(before);
            count("API1");
        }));
        return tests.stream();
    }

    /** Refused tokens, by what is wrong with them; {@code null} is no token at all. */
    private static Map<String, String> refusedTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("not a JWT at all", "garbage");
        tokens.put("three segments of garbage", "eyJub3QiOiJqc29uIn0.Z2FyYmFnZQ.Z2FyYmFnZQ");
        tokens.putAll(RefusedTokens.all());
        return tokens;
    }

    @TestFactory
    Stream<DynamicNode> api2EveryRouteThatNeedsATokenRefusesEveryBadOneAlike() {
        Map<String, String> refused = refusedTokens();
        return routes().stream()
                .filter(r -> !r.anonymous())
                .map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
                    Set<String> bodies = new LinkedHashSet<>();
                    for (Map.Entry<String, String> token : refused.entrySet()) {
                        ApiClient.Response response = call(route, token.getValue(), sampleBody(route, values()));
                        assertProblem(response, 401, route + " with a token " + token.getKey());
                        assertThat(response.problemType()).isEqualTo("unauthorized");
                        bodies.add(response.body());
                        count("API2");
                    }
                    assertThat(bodies)
                            .as("one answer for every refusal: nothing tells what was wrong")
                            .hasSize(1);
                }));
    }

    private static final Map<String, Object> SERVER_OWNED = serverOwned();

    private static Map<String, Object> serverOwned() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> money = Map.of("amountMinor", 1, "currency", "XTS");
        properties.put("price", money);
        properties.put("unitPrice", money);
        properties.put("total", money);
        properties.put("status", SENTINEL + "-status");
        properties.put("state", SENTINEL + "-state");
        properties.put("customerId", SENTINEL + "-customer");
        properties.put("owner", SENTINEL + "-owner");
        properties.put("version", SENTINEL_NUMBER);
        properties.put("id", SENTINEL + "-id");
        properties.put("createdAt", "1999-01-01T00:00:00Z");
        properties.put("roles", List.of("ADMIN"));
        properties.put("read", true);
        properties.put("attempts", SENTINEL_NUMBER);
        return properties;
    }

    private static String withServerOwnedProperties(String sample) throws Exception {
        JsonNode parsed = JSON.readTree(sample);
        if (!(parsed instanceof ObjectNode body)) {
            return sample;
        }
        for (Map.Entry<String, Object> property : SERVER_OWNED.entrySet()) {
            if (!body.has(property.getKey())) {
                body.set(property.getKey(), JSON.valueToTree(property.getValue()));
            }
        }
        return JSON.writeValueAsString(body);
    }

    private static void assertNoSentinel(String text, String what) {
        assertThat(text)
                .as(what)
                .doesNotContain(SENTINEL)
                .doesNotContain(Long.toString(SENTINEL_NUMBER))
                .doesNotContain("XTS")
                .doesNotContain("1999-01-01");
    }

    @TestFactory
    Stream<DynamicNode> api3ServerOwnedPropertiesAreNeverApplied() {
        List<DynamicNode> tests = new ArrayList<>();
        for (Route route :
                routes().stream().filter(r -> r.takesBody() && !r.shared()).toList()) {
            tests.add(DynamicTest.dynamicTest(route.toString(), () -> {
                String body = withServerOwnedProperties(sampleBody(route, values()));
                ApiClient.Response response = call(route, callerToken(route), body);
                assertThat(response.status()).as(route + ": " + response.body()).isLessThan(500);
                if (response.status() < 300) {
                    assertNoSentinel(response.body(), route + " applied a server-owned property");
                }
                count("API3");
            }));
        }
        tests.add(DynamicTest.dynamicTest("the owner's resources carry none of them", () -> {
            assertNoSentinel(ownerView(owner, values()), "the owner's view");
            count("API3");
        }));
        return tests.stream();
    }

    private static void collectFieldNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                collectFieldNames(field.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectFieldNames(element, names));
        }
    }

    @TestFactory
    Stream<DynamicNode> api3ResponsesCarryNoInternalFields() {
        return routes().stream()
                .filter(r -> r.method().equals("GET") && !r.streams())
                .map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
                    ApiClient.Response response = call(route, route.anonymous() ? null : callerToken(route), null);
                    assertThat(response.status())
                            .as(route + ": " + response.body())
                            .isLessThan(500);
                    if (response.status() < 300
                            && response.header("Content-Type").contains("json")) {
                        Set<String> names = new LinkedHashSet<>();
                        collectFieldNames(response.json(), names);
                        assertThat(names)
                                .as(route + " answers internal fields")
                                .doesNotContainAnyElementsOf(INTERNAL_FIELDS);
                    }
                    count("API3");
                }));
    }

    @TestFactory
    Stream<DynamicNode> api4PageSizesBeyondTheMaximumAreRefused() {
        return routes().stream()
                .filter(r -> r.method().equals("GET") && !r.streams() && r.hasQueryParameter("limit"))
                .map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
                    for (String limit : List.of("101", "100000000", "0", "-1")) {
                        ApiClient.Response response = api().get(
                                        route.path(values()) + "?limit=" + limit,
                                        route.anonymous() ? null : callerToken(route));
                        assertProblem(response, 400, route + " ?limit=" + limit);
                        count("API4");
                    }
                }));
    }

    /** Every route that reads a body refuses one over the service's limit ({@code micronaut.server.max-request-size}). */
    @TestFactory
    Stream<DynamicNode> api4BodiesOverTheSizeLimitAreRefused() {
        String huge = "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        return routes().stream()
                .filter(r -> r.takesBody() && !r.anonymous() && r.operation().has("requestBody"))
                .map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
                    ApiClient.Response response = call(route, callerToken(route), huge);
                    assertProblem(response, 413, route + " with a 2 MiB body");
                    count("API4");
                }));
    }

    /** The request body's top-level properties as the document states them, resolving one {@code $ref}. */
    private Map<String, JsonNode> bodyProperties(Route route) {
        JsonNode schema = route.operation()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            schema =
                    document().path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), p.getValue()));
        return properties;
    }

    @TestFactory
    Stream<DynamicNode> api4StringsAndNumbersBeyondTheirDocumentedLimitsAreRefused() {
        List<DynamicNode> tests = new ArrayList<>();
        for (Route route :
                routes().stream().filter(r -> r.takesBody() && !r.shared()).toList()) {
            for (Map.Entry<String, JsonNode> property : bodyProperties(route).entrySet()) {
                JsonNode schema = property.getValue();
                JsonNode tooMuch = null;
                if (schema.has("maxLength")) {
                    tooMuch =
                            JSON.valueToTree("A".repeat(schema.path("maxLength").asInt() + 1));
                } else if (schema.has("maximum") && schema.path("maximum").asLong() < Long.MAX_VALUE) {
                    tooMuch = JSON.valueToTree(schema.path("maximum").asLong() + 1);
                }
                if (tooMuch == null) {
                    continue;
                }
                JsonNode value = tooMuch;
                tests.add(DynamicTest.dynamicTest(route + " " + property.getKey(), () -> {
                    JsonNode sample = JSON.readTree(sampleBody(route, values()));
                    ObjectNode body = sample instanceof ObjectNode object ? object : JSON.createObjectNode();
                    body.set(property.getKey(), value);
                    ApiClient.Response response = call(route, callerToken(route), JSON.writeValueAsString(body));
                    assertThat(response.status())
                            .as(route + " with " + property.getKey() + " beyond its limit: " + response.body())
                            .isBetween(400, 499);
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                    count("API4");
                }));
            }
        }
        return tests.stream();
    }

    /**
     * A customer route and an operator route each answer with their bucket's headers. The limiter fails open when
     * Redis is slow to answer (then without headers), so each is asked until it answers with them, within a deadline.
     */
    @Test
    void api4AnsweredRequestsCarryTheirRateLimit() {
        Route read = routes().stream()
                .filter(r -> r.method().equals("GET") && !r.streams() && !r.shared() && !r.adminOnly())
                .filter(r -> r.template().startsWith("/api/"))
                .findFirst()
                .orElseThrow();
        Route operator = routes().stream()
                .filter(r -> r.method().equals("GET") && r.adminOnly() && !r.streams())
                .findFirst()
                .orElseThrow();
        for (Route route : List.of(read, operator)) {
            String token = route.anonymous() ? null : callerToken(route);
            await(route + " answers with its rate limit")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> {
                        ApiClient.Response response = call(route, token, null);
                        return response.status() < 500
                                && response.header("RateLimit-Limit") != null
                                && response.header("RateLimit-Remaining") != null;
                    });
            count("API4");
        }
    }

    @TestFactory
    Stream<DynamicNode> api5EveryAdminRouteRefusesACustomer() {
        List<Route> admin = routes().stream().filter(Route::adminOnly).toList();
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(
                "the service has administration routes", () -> assertThat(admin).isNotEmpty()));
        for (Route route : admin) {
            tests.add(DynamicTest.dynamicTest(route.toString(), () -> {
                ApiClient.Response response = call(route, ownerToken(), sampleBody(route, values()));
                assertProblem(response, 403, route + " as a CUSTOMER");
                assertThat(response.problemType()).isEqualTo("forbidden");
                count("API5");
            }));
        }
        return Stream.of(DynamicContainer.dynamicContainer("ADMIN routes", tests));
    }
}
