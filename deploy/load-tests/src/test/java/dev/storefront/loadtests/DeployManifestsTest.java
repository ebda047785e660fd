package dev.storefront.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Secrets in the deploy manifests outside the local stack: Compose and Kubernetes must be given every password and
 * Keycloak's client secret; none may fall back to a value written in the repository. (The services hold no signing
 * key at all: KeycloakRealmTest.)
 */
class DeployManifestsTest {

    private static final Path ROOT = JvmProfileTest.repositoryRoot();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(:?[-?])?([^}]*)}");

    @Test
    void composeRequiresEveryPasswordAndTheClientSecretWithoutADefault() throws IOException {
        String compose = Files.readString(ROOT.resolve("deploy/compose/docker-compose.yml"));
        List<String> secrets = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(compose);
        while (variable.find()) {
            String name = variable.group(1);
            if (name.contains("PASSWORD") || name.contains("SECRET")) {
                secrets.add(name);
                assertThat(variable.group(2))
                        .as("%s must be required (${%s:?...}), not defaulted: %s", name, name, variable.group())
                        .isEqualTo(":?");
            }
        }
        assertThat(secrets)
                .contains(
                        "POSTGRES_PASSWORD",
                        "CATALOG_DB_PASSWORD",
                        "ORDER_DB_PASSWORD",
                        "NOTIFICATION_DB_PASSWORD",
                        "KEYCLOAK_ADMIN_PASSWORD",
                        "STOREFRONT_DEMO_CUSTOMER_PASSWORD",
                        "STOREFRONT_DEMO_ADMIN_PASSWORD",
                        "STOREFRONT_LOAD_TESTS_CLIENT_SECRET");
    }

    @Test
    void kubernetesTakesEveryDatabasePasswordFromARequiredSecretKey() throws IOException {
        for (String service : List.of("catalog-service", "order-service", "notification-service")) {
            assertFromRequiredSecretKey(service, "DB_PASSWORD");
        }
    }

    @Test
    void kubernetesTakesKeycloaksPasswordsAndClientSecretFromRequiredSecretKeys() throws IOException {
        for (String variable : List.of(
                "KC_BOOTSTRAP_ADMIN_PASSWORD",
                "STOREFRONT_DEMO_CUSTOMER_PASSWORD",
                "STOREFRONT_DEMO_ADMIN_PASSWORD",
                "STOREFRONT_LOAD_TESTS_CLIENT_SECRET")) {
            assertFromRequiredSecretKey("keycloak", variable);
        }
    }

    private static void assertFromRequiredSecretKey(String manifestName, String variable) throws IOException {
        String manifest = Files.readString(ROOT.resolve("deploy/k8s/base/" + manifestName + ".yaml"));
        int entry = manifest.indexOf("- name: " + variable + "\n");
        assertThat(entry).as("%s sets %s", manifestName, variable).isPositive();
        int next = manifest.indexOf("- name:", entry + 1);
        String text = manifest.substring(entry, next < 0 ? manifest.length() : next);
        assertThat(text).as("%s: %s", manifestName, text).contains("secretKeyRef");
        assertThat(text).doesNotContain("optional: true").doesNotContain("value:");
    }
}
