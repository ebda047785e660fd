package dev.storefront.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints the bearer tokens integration tests send: signed with {@link #SECRET}, the key the test configuration gives
 * every service, with the storefront's {@code roles} claim.
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

    /** A token for any subject, roles and lifetime (negative lifetimes give expired tokens). */
    public static String mint(String secret, String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("storefront-tests")
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }
}
