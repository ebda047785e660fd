package dev.storefront.infra;

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
 * Mints HS256 bearer tokens the services accept, for the local stack and for tests. Production tokens come from an
 * identity provider; this exists so that a demo needs nothing but the signing key the local stack generated.
 */
public final class DemoTokens {

    /** The claim the services read roles from (Micronaut Security's default). */
    public static final String ROLES_CLAIM = "roles";

    private DemoTokens() {}

    /** A token for {@code subject} with {@code roles}; a negative lifetime gives an already expired token. */
    public static String mint(String secret, String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("storefront-local")
                .audience("storefront")
                .claim(ROLES_CLAIM, roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("could not sign a token (the secret needs at least 32 bytes)", e);
        }
    }
}
