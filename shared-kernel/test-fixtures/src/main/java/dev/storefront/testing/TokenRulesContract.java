package dev.storefront.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The token rules every service enforces (exp required, iat, nbf, issuer, audience; see StrictTokenClaimsValidator),
 * checked against a running service: each token of {@link RefusedTokens} gets a 401 problem on an ADMIN route, and
 * the well-formed one does not. A service's test extends this and says where the service listens.
 */
public abstract class TokenRulesContract {

    /** An ADMIN-only GET every service has. */
    private static final String ADMIN_ROUTE = "/prometheus";

    /** The metrics are text; the refusals are problem+json. */
    private static final String ANY = "*/*";

    protected abstract URI serviceUri();

    @Test
    void aWellFormedTokenIsAccepted() {
        assertThat(ApiClient.at(serviceUri())
                        .get(ADMIN_ROUTE, RefusedTokens.acceptable(), ANY)
                        .status())
                .isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> aTokenWrongInOneClaimIsRefusedWith401() {
        return RefusedTokens.all().entrySet().stream()
                .map(token -> DynamicTest.dynamicTest(token.getKey(), () -> {
                    ApiClient.Response response = ApiClient.at(serviceUri()).get(ADMIN_ROUTE, token.getValue(), ANY);
                    assertThat(response.status()).as(token.getKey()).isEqualTo(401);
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                }));
    }
}
