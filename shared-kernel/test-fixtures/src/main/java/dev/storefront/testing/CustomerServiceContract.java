package dev.storefront.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ServiceContract} plus what a service with customer endpoints promises: the customer's identity comes only
 * from a verified, unexpired token carrying the CUSTOMER role.
 */
public abstract class CustomerServiceContract extends ServiceContract {

    /** A GET endpoint that only a customer may call. */
    protected abstract String customerEndpoint();

    @Test
    void aCustomerEndpointWithoutATokenIsAnUnauthorizedProblem() {
        ApiClient.Response denied = api().get(customerEndpoint());

        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.problemType()).isEqualTo("unauthorized");
        assertThat(denied.json().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String expired = TestTokens.mint("alice", List.of("CUSTOMER"), Duration.ofMinutes(-5));

        assertThat(api().get(customerEndpoint(), expired).status()).isEqualTo(401);
    }

    @Test
    void anAdministratorIsNotACustomer() {
        ApiClient.Response denied = api().get(customerEndpoint(), TestTokens.admin());

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.problemType()).isEqualTo("forbidden");
    }

    @Test
    void aCustomerReachesTheirEndpoint() {
        assertThat(api().get(customerEndpoint(), TestTokens.customer("contract-customer"))
                        .status())
                .isEqualTo(200);
    }
}
