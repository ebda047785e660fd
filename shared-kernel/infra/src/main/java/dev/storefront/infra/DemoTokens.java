package dev.storefront.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints RS256 bearer tokens the services accept, for the local stack and for tests: the claims every service requires
 * (docs/api/security.md), signed with a private key whose public half the services find in their JWKS under the
 * token's {@code kid}. Deployments get their tokens from Keycloak instead; this exists so that a demo needs nothing
 * but the key pair the local stack generated.
 */
public final class DemoTokens {

    /** The claim the services read roles from (Micronaut Security's default). */
    public static final String ROLES_CLAIM = "roles";

    /** The issuer the services accept unless STOREFRONT_JWT_ISSUER names another. */
    public static final String ISSUER = "storefront-local";

    /** The audience every service requires. */
    public static final String AUDIENCE = "storefront";

    private DemoTokens() {}

    /** A token for {@code subject} with {@code roles}; a negative lifetime gives an already expired token. */
    public static String mint(RSAKey signingKey, String subject, List<String> roles, Duration lifetime) {
        return sign(signingKey, claims(subject, roles, lifetime).build());
    }

    /** The claims of a well-formed token, to be changed by whoever needs one that is not. */
    public static JWTClaimsSet.Builder claims(String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim(ROLES_CLAIM, roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
    }

    /** {@code claims} signed RS256 with {@code signingKey}, whose key id goes into the header. */
    public static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("could not sign a token with key " + signingKey.getKeyID(), e);
        }
    }
}
