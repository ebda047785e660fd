package dev.storefront.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.storefront.infra.DemoTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * ADMIN tokens every service must refuse with 401, and the one well-formed token they must accept. Each is wrong in
 * one way only: a claim (signed with the right key), or the signature (right claims): unsigned, signed HS256 with the
 * public key, signed with a key the JWKS does not hold, stripped of its signature, or changed after signing.
 * {@link ServiceContract} sends each to an ADMIN route of every service.
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
        tokens.put("unsigned (alg none)", new PlainJWT(claims().build()).serialize());
        tokens.put("signed HS256 with the public key (algorithm confusion)", signedWithThePublicKey());
        tokens.put(
                "signed with a key not in the JWKS, under a kid the JWKS lists",
                DemoTokens.sign(TestKeys.UNPUBLISHED, claims().build()));
        tokens.put(
                "signed with a key not in the JWKS, under a kid it does not list",
                DemoTokens.sign(TestKeys.UNKNOWN, claims().build()));
        tokens.put("with an empty signature", withoutSignature(acceptable()));
        tokens.put("with its claims changed after signing (CUSTOMER made ADMIN)", promoted());
        return tokens;
    }

    /** The baseline: what {@link TestTokens#admin()} mints, built here the same way as the refused ones. */
    public static String acceptable() {
        return sign(UnaryOperator.identity());
    }

    private static Date at(Instant instant) {
        return Date.from(instant);
    }

    private static JWTClaimsSet.Builder claims() {
        return DemoTokens.claims("admin", List.of("ADMIN"), Duration.ofMinutes(15));
    }

    private static String sign(UnaryOperator<JWTClaimsSet.Builder> change) {
        return DemoTokens.sign(TestKeys.CURRENT, change.apply(claims()).build());
    }

    /**
     * The classic confusion: a verifier that took the algorithm from the token would check an HS256 MAC keyed with
     * the RSA public key, which anybody can read from the JWKS (here its PEM text, as such attacks use it).
     */
    private static String signedWithThePublicKey() {
        try {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(TestKeys.CURRENT.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .type(JOSEObjectType.JWT)
                            .keyID(TestKeys.CURRENT.getKeyID())
                            .build(),
                    claims().build());
            jwt.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    /** A CUSTOMER token of the right key whose payload was swapped for an ADMIN one, keeping the signature. */
    private static String promoted() {
        String customer = DemoTokens.sign(
                TestKeys.CURRENT,
                DemoTokens.claims("admin", List.of("CUSTOMER"), Duration.ofMinutes(15))
                        .build());
        String[] parts = customer.split("\\.");
        String adminPayload = Base64URL.encode(claims().build().toString()).toString();
        return parts[0] + "." + adminPayload + "." + parts[2];
    }
}
