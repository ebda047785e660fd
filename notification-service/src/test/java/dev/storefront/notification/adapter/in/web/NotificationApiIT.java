package dev.storefront.notification.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.domain.OrderSummary;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A customer's notifications through real HTTP against real Postgres: pages, the read mark, and bad input. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationApiIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    RecordOrderNotificationUseCase notifications;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION));
        properties.put("storefront.messaging.consumer.enabled", "false");
        return properties;
    }

    private ApiClient api() {
        return ApiClient.at(server.getURI());
    }

    /** {@code count} order-received notifications for {@code customer}; their order ids, oldest first. */
    private List<String> givenNotifications(String customer, int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String order = UUID.randomUUID().toString();
            notifications.orderPlaced(
                    UUID.randomUUID(),
                    new OrderSummary(
                            order,
                            CustomerId.of(customer),
                            List.of(new OrderSummary.Line("SKU-" + i, 1, Money.of(100, "EUR"))),
                            Money.of(100, "EUR")));
            orders.add(order);
        }
        return orders;
    }

    private JsonNode page(String customer, String query) {
        ApiClient.Response response = api().get("/api/v1/notifications" + query, TestTokens.customer(customer));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> orderIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(n -> ids.add(n.path("orderId").asText()));
        return ids;
    }

    @Test
    void aCustomerSeesOnlyTheirOwnNotificationsNewestFirst() {
        String alice = "alice-" + UUID.randomUUID();
        List<String> hers = givenNotifications(alice, 3);
        givenNotifications("bob-" + UUID.randomUUID(), 2);

        JsonNode listed = page(alice, "");

        assertThat(orderIds(listed)).containsExactly(hers.get(2), hers.get(1), hers.get(0));
        assertThat(listed.path("items").get(0).path("kind").asText()).isEqualTo("ORDER_RECEIVED");
        assertThat(listed.path("nextCursor").asText(null)).isNull();
    }

    @Test
    void pagesFollowEachOtherByCursorWithoutGapsOrRepeats() {
        String carol = "carol-" + UUID.randomUUID();
        List<String> hers = givenNotifications(carol, 5);

        JsonNode first = page(carol, "?limit=2");
        JsonNode second =
                page(carol, "?limit=2&cursor=" + first.path("nextCursor").asText());
        JsonNode third =
                page(carol, "?limit=2&cursor=" + second.path("nextCursor").asText());

        assertThat(orderIds(first)).containsExactly(hers.get(4), hers.get(3));
        assertThat(orderIds(second)).containsExactly(hers.get(2), hers.get(1));
        assertThat(orderIds(third)).containsExactly(hers.get(0));
        assertThat(third.path("nextCursor").asText(null)).isNull();
    }

    @Test
    void markingReadIsIdempotentAndTheReadFilterSeparatesThem() {
        String dave = "dave-" + UUID.randomUUID();
        List<String> his = givenNotifications(dave, 3);
        String middle = page(dave, "").path("items").get(1).path("id").asText();

        ApiClient.Response marked =
                api().postJson("/api/v1/notifications/" + middle + "/read", TestTokens.customer(dave), "{}");
        ApiClient.Response again =
                api().postJson("/api/v1/notifications/" + middle + "/read", TestTokens.customer(dave), "{}");

        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.json().path("read").asBoolean()).isTrue();
        assertThat(again.json().path("readAt").asText())
                .isEqualTo(marked.json().path("readAt").asText());
        assertThat(orderIds(page(dave, "?read=true"))).containsExactly(his.get(1));
        assertThat(orderIds(page(dave, "?read=false"))).containsExactly(his.get(2), his.get(0));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String erin = "erin-" + UUID.randomUUID();
        givenNotifications(erin, 1);
        String token = TestTokens.customer(erin);

        ApiClient.Response tooMany = api().get("/api/v1/notifications?limit=1000", token);
        ApiClient.Response notANumber = api().get("/api/v1/notifications?limit=lots", token);
        ApiClient.Response badCursor = api().get("/api/v1/notifications?cursor=bm90LW91cnM", token);
        ApiClient.Response badFilter = api().get("/api/v1/notifications?read=maybe", token);
        ApiClient.Response notAnId = api().postJson("/api/v1/notifications/not-an-id/read", token, "{}");
        ApiClient.Response unknown =
                api().postJson("/api/v1/notifications/" + UUID.randomUUID() + "/read", token, "{}");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.problemType()).isEqualTo("validation-failed");
        assertThat(tooMany.json().path("code").asText()).isEqualTo("invalid-page-size");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().path("code").asText()).isEqualTo("invalid-cursor");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().path("code").asText()).isEqualTo("invalid-read-filter");
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("not-found");
        assertThat(page(erin, "?read=true").path("items")).isEmpty();
    }

    @Test
    void aCustomerIdParameterCannotImpersonateAnotherCustomer() {
        String frank = "frank-" + UUID.randomUUID();
        givenNotifications(frank, 1);

        JsonNode listed = page("mallory", "?customerId=" + frank);

        assertThat(orderIds(listed)).isEmpty();
    }

    @Test
    void anAdministratorsDeliveryListRefusesCustomersAndBadStates() {
        assertThat(api().get("/admin/notifications/deliveries", TestTokens.customer("grace"))
                        .status())
                .isEqualTo(403);
        ApiClient.Response badState = api().get("/admin/notifications/deliveries?state=LOST", TestTokens.admin());
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().path("code").asText()).isEqualTo("invalid-state");
        assertThat(api().get("/admin/notifications/deliveries/counts", TestTokens.admin())
                        .json()
                        .has("FAILED"))
                .isTrue();
    }
}
