package dev.storefront.infra;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads explicit infrastructure settings: a system property {@code storefront.pg.host} wins over the environment
 * variable {@code STOREFRONT_PG_HOST}. Blank values count as absent.
 */
final class Settings {

    private Settings() {}

    static Optional<String> get(String dottedName) {
        String property = System.getProperty(dottedName);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        String env = System.getenv(dottedName.toUpperCase(Locale.ROOT).replace('.', '_'));
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
    }

    static String get(String dottedName, String fallback) {
        return get(dottedName).orElse(fallback);
    }
}
