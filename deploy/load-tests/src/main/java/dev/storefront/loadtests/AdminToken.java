package dev.storefront.loadtests;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The signing key the services check tokens with (STOREFRONT_JWT_SECRET, else the local stack's
 * .storefront/jwt-secret), an ADMIN token for reading {@code /prometheus} and CUSTOMER tokens for shoppers, minted the
 * way the local stack does.
 */
final class AdminToken {

    private AdminToken() {}

    static String secret(Path root) throws IOException {
        String fromEnv = System.getenv("STOREFRONT_JWT_SECRET");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path file = root.resolve(".storefront").resolve("jwt-secret");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "no " + file + " and no STOREFRONT_JWT_SECRET: start the local stack first (deploy/run-local.sh)");
        }
        return Files.readString(file).trim();
    }

    static String mint(String secret, Duration lifetime) {
        return mint(secret, lifetime, "benchmark", "ADMIN");
    }

    /** A CUSTOMER token for {@code subject}, as a signed-in shopper would hold. */
    static String customer(String secret, Duration lifetime, String subject) {
        return mint(secret, lifetime, subject, "CUSTOMER");
    }

    private static String mint(String secret, Duration lifetime, String subject, String role) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("storefront-local")
                .audience("storefront")
                .claim("roles", List.of(role))
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
