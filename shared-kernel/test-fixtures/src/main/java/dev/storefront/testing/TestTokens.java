package dev.storefront.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.storefront.infra.DemoTokens;
import java.time.Duration;
import java.util.List;

/**
 * The bearer tokens integration tests send: RS256, signed with {@link TestKeys#CURRENT}, whose public half is in the
 * JWKS the test configuration gives every service ({@link ServiceTestInfrastructure#tokenProperties()}).
 */
public final class TestTokens {

    private TestTokens() {}

    public static String customer(String customerId) {
        return mint(customerId, List.of("CUSTOMER"), Duration.ofMinutes(15));
    }

    public static String admin() {
        return mint("admin", List.of("ADMIN"), Duration.ofMinutes(15));
    }

    /** A token for any subject, roles and lifetime (negative lifetimes give expired tokens). */
    public static String mint(String subject, List<String> roles, Duration lifetime) {
        return mint(TestKeys.CURRENT, subject, roles, lifetime);
    }

    /** A token signed with {@code key}: one of {@link TestKeys}, published or not. */
    public static String mint(RSAKey key, String subject, List<String> roles, Duration lifetime) {
        return DemoTokens.mint(key, subject, roles, lifetime);
    }

    /**
     * A token signed HS256 with a shared secret, as the services accepted before they verified public keys only
     * (docs/adr/0020): they hold no such key now, and refuse it whatever the secret.
     */
    public static String mint(String sharedSecret, String subject, List<String> roles, Duration lifetime) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    DemoTokens.claims(subject, roles, lifetime).build());
            jwt.sign(new MACSigner(sharedSecret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes", e);
        }
    }
}
