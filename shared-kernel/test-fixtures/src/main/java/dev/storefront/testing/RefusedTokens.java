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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * ADMIN tokens, each signed with the right key but wrong in one claim, that every service must refuse with 401, and
 * the one well-formed token they must accept. {@link ServiceContract} sends each to an ADMIN route of every service.
 */
public final class RefusedTokens {

    private RefusedTokens() {}

    /** What is wrong with the token, and the token. */
    public static Map<String, String> all() {
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("without exp", sign(b -> b.expirationTime(null)));
        tokens.put(
                "expired a minute ago (beyond the clock skew)", sign(b -> b.expirationTime(at(now.minusSeconds(60)))));
        tokens.put("without iat", sign(b -> b.issueTime(null)));
        tokens.put("issued in an hour", sign(b -> b.issueTime(at(now.plus(Duration.ofHours(1))))));
        tokens.put("not valid before an hour from now", sign(b -> b.notBeforeTime(at(now.plus(Duration.ofHours(1))))));
        tokens.put("from another issuer", sign(b -> b.issuer("someone-else")));
        tokens.put("without issuer", sign(b -> b.issuer(null)));
        tokens.put("for another audience", sign(b -> b.audience("another-system")));
        tokens.put("without audience", sign(b -> b.audience((String) null)));
        return tokens;
    }

    /** The baseline: what {@link TestTokens#admin()} mints, built here the same way as the refused ones. */
    public static String acceptable() {
        return sign(UnaryOperator.identity());
    }

    private static Date at(Instant instant) {
        return Date.from(instant);
    }

    private static String sign(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("admin")
                .issuer("storefront-local")
                .audience("storefront")
                .claim("roles", List.of("ADMIN"))
                .issueTime(at(now))
                .expirationTime(at(now.plus(Duration.ofMinutes(15))));
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256), change.apply(claims).build());
            jwt.sign(new MACSigner(TestTokens.SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
