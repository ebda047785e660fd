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
 * Secrets in the deploy manifests outside the local stack: Compose and Kubernetes must be given every password and the
 * signing key; none may fall back to a value written in the repository.
 */
class DeployManifestsTest {

    private static final Path ROOT = JvmProfileTest.repositoryRoot();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(:?[-?])?([^}]*)}");

    @Test
    void composeRequiresEveryPasswordAndTheSigningKeyWithoutADefault() throws IOException {
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
                        "STOREFRONT_JWT_SECRET",
                        "POSTGRES_PASSWORD",
                        "CATALOG_DB_PASSWORD",
                        "ORDER_DB_PASSWORD",
                        "NOTIFICATION_DB_PASSWORD");
    }

    @Test
    void kubernetesTakesEveryDatabasePasswordFromARequiredSecretKey() throws IOException {
        for (String service : List.of("catalog-service", "order-service", "notification-service")) {
            String manifest = Files.readString(ROOT.resolve("deploy/k8s/base/" + service + ".yaml"));
            int password = manifest.indexOf("- name: DB_PASSWORD");
            assertThat(password).as("%s sets DB_PASSWORD", service).isPositive();
            int next = manifest.indexOf("- name:", password + 1);
            String passwordEntry = manifest.substring(password, next < 0 ? manifest.length() : next);
            assertThat(passwordEntry).as("%s: %s", service, passwordEntry).contains("secretKeyRef");
            assertThat(passwordEntry).doesNotContain("optional: true").doesNotContain("value:");
        }
    }
}
