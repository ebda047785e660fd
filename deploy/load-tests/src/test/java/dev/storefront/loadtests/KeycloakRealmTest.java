package dev.storefront.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Keycloak realm deployments get their tokens from (deploy/keycloak/storefront-realm.json), checked against what
 * the services require of a token (docs/api/security.md): its clients and roles, the {@code roles} and {@code aud}
 * claims its mappers write, its demo users; and that Compose and Kubernetes point every service at its JWKS URL and
 * issuer while none of them carries anything that signs.
 */
class KeycloakRealmTest {

    private static final Path ROOT = JvmProfileTest.repositoryRoot();
    private static final List<String> SERVICES = List.of("catalog-service", "order-service", "notification-service");
    private static final String REALM_PATH = "/realms/storefront";
    private static final String CERTS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Z0-9_]+}");

    private final JsonNode realm = readRealm();

    private static JsonNode readRealm() {
        try {
            return new ObjectMapper()
                    .readTree(ROOT.resolve("deploy/keycloak/storefront-realm.json")
                            .toFile());
        } catch (IOException e) {
            throw new AssertionError("deploy/keycloak/storefront-realm.json does not parse", e);
        }
    }

    @Test
    void theRealmIsStorefrontAndSignsRs256() {
        assertThat(realm.path("realm").asText()).isEqualTo("storefront");
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(realm.path("defaultSignatureAlgorithm").asText()).isEqualTo("RS256");
    }

    @Test
    void theRealmRolesAreCustomerAndAdmin() {
        assertThat(names(realm.path("roles").path("realm"), "name")).contains("CUSTOMER", "ADMIN");
    }

    @Test
    void theStorefrontClientIsPublicWithPkceAndADirectGrantForDemos() {
        JsonNode web = client("storefront-web");

        assertThat(web.path("publicClient").asBoolean()).isTrue();
        assertThat(web.has("secret")).isFalse();
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asText())
                .isEqualTo("S256");
        assertThat(web.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(names(web.path("redirectUris"), null)).isNotEmpty().noneMatch(uri -> uri.equals("*"));
    }

    @Test
    void theLoadTestClientIsConfidentialWithClientCredentialsAsAdminAndAPasswordGrant() {
        JsonNode loadTests = client("storefront-load-tests");

        assertThat(loadTests.path("publicClient").asBoolean()).isFalse();
        assertThat(loadTests.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(loadTests.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(loadTests.path("secret").asText())
                .as("the client secret comes from the environment at import, it is not written here")
                .matches(PLACEHOLDER);
        JsonNode serviceAccount =
                user(u -> u.path("serviceAccountClientId").asText().equals("storefront-load-tests"));
        assertThat(names(serviceAccount.path("realmRoles"), null)).containsExactly("ADMIN");
    }

    @Test
    void everyClientWritesTheRealmRolesAsAFlatRolesClaimOfTheAccessToken() {
        for (JsonNode client : realm.path("clients")) {
            JsonNode roles = mapper(client, "oidc-usermodel-realm-role-mapper");

            assertThat(roles.path("claim.name").asText())
                    .as("%s: the claim Micronaut reads roles from", client.path("clientId"))
                    .isEqualTo("roles");
            assertThat(roles.path("multivalued").asText()).isEqualTo("true");
            assertThat(roles.path("access.token.claim").asText()).isEqualTo("true");
            assertThat(roles.path("usermodel.realmRoleMapping.rolePrefix").asText(""))
                    .isEmpty();
        }
    }

    @Test
    void everyClientPutsTheAudienceTheServicesRequireIntoTheAccessToken() throws IOException {
        for (String service : SERVICES) {
            String config = Files.readString(ROOT.resolve(service + "/src/main/resources/application.yml"));
            assertThat(config)
                    .as("%s requires audience storefront unless told otherwise", service)
                    .contains("audience: ${STOREFRONT_JWT_AUDIENCE:storefront}");
        }
        for (JsonNode client : realm.path("clients")) {
            JsonNode audience = mapper(client, "oidc-audience-mapper");

            assertThat(audience.path("included.custom.audience").asText())
                    .as("%s", client.path("clientId"))
                    .isEqualTo("storefront");
            assertThat(audience.path("access.token.claim").asText()).isEqualTo("true");
        }
    }

    @Test
    void theDemoUsersHaveTheirRolesAndNoPasswordWrittenHere() {
        JsonNode alice = user(u -> u.path("username").asText().equals("alice"));
        JsonNode ops = user(u -> u.path("username").asText().equals("ops"));

        assertThat(names(alice.path("realmRoles"), null)).containsExactly("CUSTOMER");
        assertThat(names(ops.path("realmRoles"), null)).containsExactly("ADMIN");
        for (JsonNode user : List.of(alice, ops)) {
            assertThat(user.path("enabled").asBoolean()).isTrue();
            // A profile Keycloak would ask to complete blocks the direct grant: everything it requires is set.
            assertThat(user.path("email").asText()).isNotBlank();
            assertThat(user.path("firstName").asText()).isNotBlank();
            assertThat(user.path("lastName").asText()).isNotBlank();
            JsonNode password = user.path("credentials").path(0);
            assertThat(password.path("type").asText()).isEqualTo("password");
            assertThat(password.path("temporary").asBoolean()).isFalse();
            assertThat(password.path("value").asText()).matches(PLACEHOLDER);
        }
    }

    @Test
    void composeRunsKeycloakWithTheRealmAndPointsEveryServiceAtItsJwksAndIssuer() throws IOException {
        Map<String, Object> services = map(composeFile().get("services"));
        Map<String, Object> keycloak = map(services.get("keycloak"));

        assertThat(String.valueOf(keycloak.get("image"))).startsWith("quay.io/keycloak/keycloak:26.");
        assertThat(list(keycloak.get("command"))).contains("start-dev", "--import-realm");
        assertThat(list(keycloak.get("volumes")))
                .contains("../keycloak/storefront-realm.json:/opt/keycloak/data/import/storefront-realm.json:ro");
        Map<String, Object> keycloakEnv = map(keycloak.get("environment"));
        for (String placeholder : placeholders()) {
            assertThat(keycloakEnv)
                    .as("Keycloak fills ${%s} of the realm", placeholder)
                    .containsKey(placeholder);
        }
        String hostname = String.valueOf(keycloakEnv.get("KC_HOSTNAME"));
        for (String service : SERVICES) {
            Map<String, Object> env = map(map(services.get(service)).get("environment"));

            assertThat(env.get("STOREFRONT_JWKS_URL")).as(service).isEqualTo("http://keycloak:8080" + CERTS_PATH);
            assertThat(env.get("STOREFRONT_JWT_ISSUER")).as(service).isEqualTo(hostname + REALM_PATH);
            assertThat(env.keySet()).as(service).noneMatch(KeycloakRealmTest::signingSetting);
        }
    }

    @Test
    void kubernetesRunsKeycloakWithTheRealmFileAndPointsEveryServiceAtItsJwksAndIssuer() throws IOException {
        Map<String, Object> kustomization = yaml("deploy/k8s/base/kustomization.yaml");
        assertThat(list(kustomization.get("resources"))).contains("../../keycloak", "keycloak.yaml");
        Map<String, Object> realmGenerator =
                map(list(yaml("deploy/keycloak/kustomization.yaml").get("configMapGenerator"))
                        .getFirst());
        assertThat(realmGenerator.get("name")).isEqualTo("storefront-realm");
        assertThat(list(realmGenerator.get("files"))).containsExactly("storefront-realm.json");

        Map<String, String> config = new java.util.HashMap<>();
        for (Object literal : list(
                map(list(kustomization.get("configMapGenerator")).getFirst()).get("literals"))) {
            String[] pair = String.valueOf(literal).split("=", 2);
            config.put(pair[0], pair[1]);
        }
        String hostname = config.get("KEYCLOAK_HOSTNAME");
        assertThat(config.get("STOREFRONT_JWT_ISSUER")).isEqualTo(hostname + REALM_PATH);
        assertThat(config.get("STOREFRONT_JWKS_URL")).isEqualTo("http://keycloak:8080" + CERTS_PATH);

        List<Map<String, Object>> keycloak = documents("deploy/k8s/base/keycloak.yaml");
        Map<String, Object> keycloakPod = pod(keycloak);
        Map<String, Object> keycloakContainer =
                map(list(keycloakPod.get("containers")).getFirst());
        assertThat(String.valueOf(keycloakContainer.get("image"))).startsWith("quay.io/keycloak/keycloak:26.");
        assertThat(list(keycloakContainer.get("args"))).contains("--import-realm");
        assertThat(configMapOf(env(keycloakContainer).get("KC_HOSTNAME"))).isEqualTo("KEYCLOAK_HOSTNAME");
        for (String placeholder : placeholders()) {
            assertThat(env(keycloakContainer))
                    .as("Keycloak fills ${%s}", placeholder)
                    .containsKey(placeholder);
        }
        assertThat(list(keycloakPod.get("volumes")))
                .anySatisfy(
                        volume -> assertThat(map(map(volume).get("configMap")).get("name"))
                                .isEqualTo("storefront-realm"));
        Map<String, Object> service = keycloak.stream()
                .filter(d -> "Service".equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
        assertThat(map(service.get("metadata")).get("name")).isEqualTo("keycloak");
        assertThat(list(map(service.get("spec")).get("ports")))
                .anySatisfy(port -> assertThat(map(port).get("port")).isEqualTo(8080));

        for (String name : SERVICES) {
            Map<String, Object> container =
                    map(list(pod(documents("deploy/k8s/base/" + name + ".yaml")).get("containers"))
                            .getFirst());
            Map<String, Map<String, Object>> env = env(container);

            assertThat(configMapOf(env.get("STOREFRONT_JWKS_URL"))).as(name).isEqualTo("STOREFRONT_JWKS_URL");
            assertThat(configMapOf(env.get("STOREFRONT_JWT_ISSUER"))).as(name).isEqualTo("STOREFRONT_JWT_ISSUER");
            assertThat(env.keySet()).as(name).noneMatch(KeycloakRealmTest::signingSetting);
        }
    }

    @Test
    void noServiceConfigurationOrManifestCarriesASigningSecret() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String service : SERVICES) {
            files.add(ROOT.resolve(service + "/src/main/resources/application.yml"));
        }
        files.add(ROOT.resolve("deploy/compose/docker-compose.yml"));
        try (var manifests = Files.list(ROOT.resolve("deploy/k8s/base"))) {
            manifests.forEach(files::add);
        }
        // No shared secret (JWT_SECRET, Micronaut's secret validator, an HMAC algorithm) and no token generator:
        // a service verifies with public keys and mints nothing.
        for (Path file : files) {
            String text = Files.readString(file);
            assertThat(text)
                    .as("%s", ROOT.relativize(file))
                    .doesNotContain("JWT_SECRET")
                    .doesNotContain("validator:")
                    .doesNotContain("jws-algorithm")
                    .doesNotContain("HS256")
                    .doesNotContain("generator:");
        }
        for (String service : SERVICES) {
            assertThat(Files.readString(ROOT.resolve(service + "/src/main/resources/application.yml")))
                    .contains("url: ${STOREFRONT_JWKS_URL}");
        }
    }

    private JsonNode client(String clientId) {
        return StreamSupport.stream(realm.path("clients").spliterator(), false)
                .filter(c -> c.path("clientId").asText().equals(clientId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no client " + clientId));
    }

    private JsonNode user(java.util.function.Predicate<JsonNode> which) {
        return StreamSupport.stream(realm.path("users").spliterator(), false)
                .filter(which)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no such user"));
    }

    /** The config of the client's one mapper of {@code type}. */
    private static JsonNode mapper(JsonNode client, String type) {
        List<JsonNode> found = StreamSupport.stream(
                        client.path("protocolMappers").spliterator(), false)
                .filter(m -> m.path("protocolMapper").asText().equals(type))
                .toList();
        assertThat(found).as("%s has one %s", client.path("clientId"), type).hasSize(1);
        return found.getFirst().path("config");
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(item ->
                names.add(field == null ? item.asText() : item.path(field).asText()));
        return names;
    }

    /** The environment variables the realm file's placeholders name. */
    private static List<String> placeholders() throws IOException {
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(ROOT.resolve("deploy/keycloak/storefront-realm.json")));
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group().substring(2, matcher.group().length() - 1));
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private static boolean signingSetting(String name) {
        return name.contains("JWT_SECRET") || name.contains("SIGNING") || name.contains("PRIVATE_KEY");
    }

    private static Map<String, Object> composeFile() throws IOException {
        return yaml("deploy/compose/docker-compose.yml");
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return map(new Yaml().load(Files.readString(ROOT.resolve(file))));
    }

    private static List<Map<String, Object>> documents(String file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(Files.readString(ROOT.resolve(file))).forEach(d -> documents.add(map(d)));
        return documents;
    }

    private static Map<String, Object> pod(List<Map<String, Object>> documents) {
        Map<String, Object> deployment = documents.stream()
                .filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
        return map(map(map(map(deployment.get("spec")).get("template")).get("spec")));
    }

    /** A container's environment by name. */
    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
        for (Object entry : list(container.get("env"))) {
            env.put(String.valueOf(map(entry).get("name")), map(entry));
        }
        return env;
    }

    /** The storefront-config key an env entry reads, or null when it reads something else. */
    private static String configMapOf(Map<String, Object> entry) {
        return Optional.ofNullable(entry)
                .map(e -> map(map(e.get("valueFrom")).get("configMapKeyRef")))
                .filter(ref -> "storefront-config".equals(ref.get("name")))
                .map(ref -> String.valueOf(ref.get("key")))
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
