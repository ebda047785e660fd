package dev.storefront.notification.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.infra.Network;
import dev.storefront.infra.ServiceDatabase;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.application.port.in.MaintainStreamsUseCase;
import dev.storefront.notification.application.port.in.RecordOrderNotificationUseCase;
import dev.storefront.notification.domain.OrderSummary;
import dev.storefront.testing.ApiClient;
import dev.storefront.testing.ServiceTestInfrastructure;
import dev.storefront.testing.SseStream;
import dev.storefront.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Live streams across instances: this test's instance holds the streams, a second instance beside it (same Postgres
 * and Redis) records the notifications, so every push crosses Redis pub/sub as in a deployment with several
 * instances. A third instance is given a Redis that does not answer, to show its streams still deliver by polling.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationStreamIT implements TestPropertyProvider {

    /** What the issue promises: a new notification on every open stream of its customer within a second. */
    private static final Duration PUSH_BOUND = Duration.ofSeconds(1);

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer streaming;

    @Inject
    MaintainStreamsUseCase streams;

    private ApplicationContext recorder;
    private ApplicationContext withoutRedis;
    private RecordOrderNotificationUseCase record;
    private final List<SseStream> opened = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = properties();
        properties.put("storefront.notifications.streams.max-per-customer", "2");
        // Heartbeats also catch streams up; seconds apart, so only the push can meet the one-second bound.
        properties.put("storefront.notifications.streams.heartbeat", "4s");
        return properties;
    }

    private static Map<String, String> properties() {
        Map<String, String> properties =
                new HashMap<>(ServiceTestInfrastructure.propertiesFor(ServiceDatabase.NOTIFICATION));
        // Notifications are recorded by calling the use case here: no instance needs the topic's history.
        properties.put("storefront.messaging.consumer.enabled", "false");
        properties.put("storefront.messaging.relay.enabled", "false");
        return properties;
    }

    private static ApplicationContext start(Map<String, String> properties) {
        Map<String, Object> values = new HashMap<>(properties);
        values.put("micronaut.server.port", "-1");
        ApplicationContext context = ApplicationContext.run(values);
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return context;
    }

    @BeforeAll
    void startTheOtherInstances() {
        recorder = start(properties());
        record = recorder.getBean(RecordOrderNotificationUseCase.class);
        Map<String, String> deadRedis = properties();
        String nowhere = "redis://127.0.0.1:" + Network.freePort();
        deadRedis.put("redis.uri", nowhere);
        deadRedis.put("storefront.rate-limits.redis-uri", nowhere);
        deadRedis.put("redis.timeout", "200ms");
        withoutRedis = start(deadRedis);
        await().atMost(PATIENCE).until(streams::pushed);
        await().atMost(PATIENCE).until(recorder.getBean(MaintainStreamsUseCase.class)::pushed);
    }

    @AfterAll
    void stop() {
        opened.forEach(SseStream::close);
        if (recorder != null) {
            recorder.close();
        }
        if (withoutRedis != null) {
            withoutRedis.close();
        }
    }

    private SseStream open(URI base, String customer, String lastEventId) throws Exception {
        SseStream stream = SseStream.open(base, TestTokens.customer(customer), lastEventId);
        opened.add(stream);
        return stream;
    }

    /** The other instance records an order-received notification for {@code customer}. */
    private void recordOn(String customer) {
        record.orderPlaced(
                UUID.randomUUID(),
                new OrderSummary(
                        UUID.randomUUID().toString(),
                        CustomerId.of(customer),
                        List.of(new OrderSummary.Line("LAMP-1", 1, Money.of(1250, "EUR"))),
                        Money.of(1250, "EUR")));
    }

    /** The customer's notification ids, oldest first. */
    private List<String> idsOf(String customer) {
        JsonNode page = ApiClient.at(streaming.getURI())
                .get("/api/v1/notifications?limit=100", TestTokens.customer(customer))
                .json();
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(n -> ids.add(0, n.path("id").asText()));
        return ids;
    }

    private static JsonNode data(SseStream.Event event) throws Exception {
        return JSON.readTree(event.data());
    }

    private static URI uriOf(ApplicationContext context) {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    @Test
    void aStreamOnOneInstanceReceivesANotificationRecordedByAnotherWithinASecond() throws Exception {
        String customer = "live-" + UUID.randomUUID();
        SseStream stream = open(streaming.getURI(), customer, null);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(data(stream.next("status", PATIENCE)).path("push").asText()).isEqualTo("live");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recordOn(customer);
            SseStream.Event pushed = stream.next("notification", PATIENCE);
            ids.add(pushed.id());
            Instant received = Instant.now();

            JsonNode notification = data(pushed);
            assertThat(pushed.id()).isEqualTo(notification.path("id").asText());
            assertThat(notification.path("kind").asText()).isEqualTo("ORDER_RECEIVED");
            Duration latency = Duration.between(
                    Instant.parse(notification.path("createdAt").asText()), received);
            System.out.printf("STREAM pushed across instances %d ms after it was recorded%n", latency.toMillis());
            assertThat(latency).isLessThan(PUSH_BOUND);
        }
        assertThat(ids).as("each pushed once").doesNotHaveDuplicates();
        assertThat(ids).containsExactlyElementsOf(idsOf(customer));
    }

    @Test
    void aStreamReconnectingWithLastEventIdReceivesExactlyWhatItMissedInOrder() throws Exception {
        String customer = "resume-" + UUID.randomUUID();
        SseStream first = open(streaming.getURI(), customer, null);
        recordOn(customer);
        String lastSeen = first.next("notification", PATIENCE).id();
        first.close();

        for (int i = 0; i < 3; i++) {
            recordOn(customer);
        }
        await().atMost(PATIENCE).until(() -> idsOf(customer).size() == 4);
        List<String> missed = idsOf(customer).subList(1, 4);

        SseStream resumed = open(streaming.getURI(), customer, lastSeen);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            received.add(resumed.next("notification", PATIENCE).id());
        }
        assertThat(received).containsExactlyElementsOf(missed);
        recordOn(customer);
        String next = resumed.next("notification", PATIENCE).id();
        assertThat(next)
                .as("then the next one, nothing twice")
                .isEqualTo(idsOf(customer).get(4));
        assertThat(resumed.during("notification", Duration.ofMillis(1500))).isEmpty();
    }

    @Test
    void aCustomersStreamAndListNeverShowAnotherCustomersNotifications() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        SseStream alices = open(streaming.getURI(), alice, null);
        alices.next("status", PATIENCE);
        recordOn(bob);
        recordOn(bob);
        await().atMost(PATIENCE).until(() -> idsOf(bob).size() == 2);
        String bobs = idsOf(bob).get(0);
        // Alice names one of Bob's notifications as her last seen: treated as unknown, nothing of Bob's replayed.
        SseStream probing = open(streaming.getURI(), alice, bobs);
        recordOn(alice);

        String hers = alices.next("notification", PATIENCE).id();
        assertThat(probing.next("notification", PATIENCE).id()).isEqualTo(hers);
        assertThat(alices.during("notification", Duration.ofSeconds(1))).isEmpty();
        assertThat(probing.during("notification", Duration.ofMillis(200))).isEmpty();
        assertThat(idsOf(alice)).containsExactly(hers);

        ApiClient api = ApiClient.at(streaming.getURI());
        ApiClient.Response read =
                api.postJson("/api/v1/notifications/" + bobs + "/read", TestTokens.customer(alice), "{}");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body()).doesNotContain(bob);
        assertThat(api.get("/api/v1/notifications/" + bobs + "/deliveries", TestTokens.customer(alice))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/notifications?customerId=" + bob, TestTokens.customer(alice))
                        .json()
                        .path("items"))
                .hasSize(1);
    }

    @Test
    void streamsBeyondTheCustomersLimitAreRefusedWith429UntilOneCloses() throws Exception {
        String customer = "many-tabs-" + UUID.randomUUID();
        SseStream one = open(streaming.getURI(), customer, null);
        SseStream two = open(streaming.getURI(), customer, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(two.status()).isEqualTo(200);

        ApiClient.Response third = ApiClient.at(streaming.getURI())
                .get("/api/v1/notifications/stream", TestTokens.customer(customer), "text/event-stream");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.problemType()).isEqualTo("too-many-requests");
        assertThat(third.json().path("code").asText()).isEqualTo("too-many-streams");
        assertThat(third.header("Retry-After")).isNotBlank();

        one.close();
        await().atMost(PATIENCE).until(() -> {
            SseStream again = open(streaming.getURI(), customer, null);
            return again.status() == 200;
        });
    }

    @Test
    void anIdleStreamReceivesHeartbeats() throws Exception {
        SseStream stream = open(streaming.getURI(), "idle-" + UUID.randomUUID(), null);
        SseStream.Event event;
        do {
            event = stream.nextAny(PATIENCE);
        } while (event.comment() == null);
        assertThat(event.comment()).isEqualTo("heartbeat");
    }

    @Test
    void withRedisAwayAStreamSaysItPollsAndStillDeliversWithinThePollInterval() throws Exception {
        String customer = "no-redis-" + UUID.randomUUID();
        SseStream stream = open(uriOf(withoutRedis), customer, null);
        assertThat(data(stream.next("status", PATIENCE)).path("push").asText()).isEqualTo("polling");

        recordOn(customer);
        SseStream.Event polled = stream.next("notification", Duration.ofSeconds(5));
        Duration latency =
                Duration.between(Instant.parse(data(polled).path("createdAt").asText()), Instant.now());
        System.out.printf(
                "STREAM without Redis delivered by polling %d ms after it was recorded%n", latency.toMillis());
        assertThat(latency).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shuttingAnInstanceDownEndsItsStreamsAtOnce() throws Exception {
        ApplicationContext leaving = start(properties());
        String customer = "leaving-" + UUID.randomUUID();
        SseStream stream = open(uriOf(leaving), customer, null);
        stream.next("status", PATIENCE);
        long closing = System.nanoTime();
        Thread closer = Thread.ofVirtual().start(leaving::close);

        await().atMost(Duration.ofSeconds(10)).until(stream::ended);
        closer.join(Duration.ofSeconds(30));
        Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);
        System.out.printf("STREAM shutdown with an open stream took %d ms%n", shutdown.toMillis());
        assertThat(shutdown).as("well inside the 20 s grace period").isLessThan(Duration.ofSeconds(10));
    }
}
