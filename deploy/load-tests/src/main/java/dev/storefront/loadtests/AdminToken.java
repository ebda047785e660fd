package dev.storefront.loadtests;

import dev.storefront.infra.DemoIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local stack's demo issuer (its private key under .storefront/issuer), an ADMIN token for reading
 * {@code /prometheus} and CUSTOMER tokens for shoppers, minted the way the local stack does. The service instances a
 * benchmark starts get the issuer's public JWKS only ({@link DemoIssuer#jwksUrl()}).
 */
final class AdminToken {

    private AdminToken() {}

    static DemoIssuer issuer(Path root) throws IOException {
        return DemoIssuer.open(root.resolve(".storefront"));
    }

    static String mint(DemoIssuer issuer, Duration lifetime) {
        return issuer.mint("benchmark", List.of("ADMIN"), lifetime);
    }

    /** A CUSTOMER token for {@code subject}, as a signed-in shopper would hold. */
    static String customer(DemoIssuer issuer, Duration lifetime, String subject) {
        return issuer.mint(subject, List.of("CUSTOMER"), lifetime);
    }
}
