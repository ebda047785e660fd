package dev.storefront.testing;

import dev.storefront.infra.DemoTokens;
import java.time.Duration;
import java.util.List;

/**
 * The bearer tokens integration tests send: signed with {@link #SECRET}, the key the test configuration gives every
 * service.
 */
public final class TestTokens {

    /** HS256 key used by tests only; deployments configure their own. */
    public static final String SECRET = "test-only-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    private TestTokens() {}

    public static String customer(String customerId) {
        return mint(SECRET, customerId, List.of("CUSTOMER"), Duration.ofMinutes(15));
    }

    public static String admin() {
        return mint(SECRET, "admin", List.of("ADMIN"), Duration.ofMinutes(15));
    }

    /** A token for any key, subject, roles and lifetime (negative lifetimes give expired tokens). */
    public static String mint(String secret, String subject, List<String> roles, Duration lifetime) {
        return DemoTokens.mint(secret, subject, roles, lifetime);
    }
}
