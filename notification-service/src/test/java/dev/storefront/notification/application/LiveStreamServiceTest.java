package dev.storefront.notification.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.notification.application.port.in.StreamNotificationsUseCase;
import dev.storefront.notification.application.port.out.Notifications;
import dev.storefront.notification.domain.Notification;
import dev.storefront.notification.domain.NotificationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stream registry with an in-memory notifications port and a same-thread executor: what each stream receives for
 * announcements that come, repeat, or never come.
 */
class LiveStreamServiceTest {

    private final InMemoryNotifications notifications = new InMemoryNotifications();
    private final LiveStreamService streams =
            new LiveStreamService(notifications, new LiveStreamService.Limits(2, 3, 2, 1), Runnable::run);
    private final CustomerId alice = CustomerId.of("alice");
    private final CustomerId bob = CustomerId.of("bob");

    /** What a stream's client sees. */
    private static final class Client implements StreamNotificationsUseCase.Listener {
        final List<UUID> received = new ArrayList<>();
        final List<Boolean> statuses = new ArrayList<>();
        int heartbeats;
        boolean closed;

        @Override
        public void notification(Notification notification) {
            received.add(notification.id());
        }

        @Override
        public void heartbeat() {
            heartbeats++;
        }

        @Override
        public void live(boolean pushed) {
            statuses.add(pushed);
        }

        @Override
        public void closed() {
            closed = true;
        }
    }

    private UUID add(CustomerId customer) {
        UUID id = UUID.randomUUID();
        notifications.append(new Notifications.NewNotification(
                id, UUID.randomUUID(), customer, NotificationKind.ORDER_CONFIRMED, "o", "s", "b", Instant.now()));
        return id;
    }

    @Test
    void aNewStreamStartsFromNowAndAnAnnouncementDeliversWhatIsNewOnce() {
        add(alice);
        Client client = new Client();
        streams.open(alice, Optional.empty(), client);
        UUID first = add(alice);
        UUID second = add(alice);
        UUID third = add(alice);

        streams.announced(alice);
        streams.announced(alice);

        assertThat(client.received).containsExactly(first, second, third);
    }

    @Test
    void aLostAnnouncementIsMadeUpAtTheNextHeartbeat() {
        Client client = new Client();
        streams.open(alice, Optional.empty(), client);
        UUID missed = add(alice);

        streams.heartbeat();

        assertThat(client.received).containsExactly(missed);
        assertThat(client.heartbeats).isEqualTo(1);
    }

    @Test
    void resumingAfterALastSeenIdDeliversTheRestInOrderAndAnUnknownIdStartsFromNow() {
        UUID one = add(alice);
        UUID two = add(alice);
        UUID three = add(alice);
        UUID bobs = add(bob);

        Client resumed = new Client();
        streams.open(alice, Optional.of(one), resumed);
        Client probing = new Client();
        streams.open(alice, Optional.of(bobs), probing);

        assertThat(resumed.received).containsExactly(two, three);
        assertThat(probing.received).isEmpty();
    }

    @Test
    void announcementsReachOnlyTheirCustomersStreams() {
        Client alices = new Client();
        Client bobs = new Client();
        streams.open(alice, Optional.empty(), alices);
        streams.open(bob, Optional.empty(), bobs);
        UUID hers = add(alice);

        streams.announced(alice);
        streams.announced(bob);

        assertThat(alices.received).containsExactly(hers);
        assertThat(bobs.received).isEmpty();
    }

    @Test
    void whileThePushIsDownStreamsPollAndAreToldSo() {
        Client client = new Client();
        streams.open(alice, Optional.empty(), client);
        UUID beforeThePush = add(alice);
        streams.pushAvailable();
        assertThat(client.received).as("caught up when the push comes back").containsExactly(beforeThePush);
        add(alice);
        streams.pollWhileDegraded();
        assertThat(client.received).as("no polling while the push is up").hasSize(1);

        streams.pushLost();
        streams.pollWhileDegraded();

        assertThat(client.statuses).containsExactly(false, true, false);
        assertThat(client.received).hasSize(2);
    }

    @Test
    void streamsAreBoundedPerCustomerAndPerInstanceAndAClosedOneFreesItsPlace() {
        StreamNotificationsUseCase.Stream first = streams.open(alice, Optional.empty(), new Client());
        streams.open(alice, Optional.empty(), new Client());
        assertThatThrownBy(() -> streams.open(alice, Optional.empty(), new Client()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.LIMITED);
                    assertThat(e.code()).isEqualTo("too-many-streams");
                });
        streams.open(bob, Optional.empty(), new Client());
        assertThatThrownBy(() -> streams.open(CustomerId.of("carol"), Optional.empty(), new Client()))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("this instance");

        first.close();
        first.close();

        assertThat(streams.openStreams()).isEqualTo(2);
        streams.open(alice, Optional.empty(), new Client());
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void closingAllEndsEveryStreamAndAClosedStreamReceivesNothing() {
        Client client = new Client();
        streams.open(alice, Optional.empty(), client);

        streams.closeAll();
        add(alice);
        streams.announced(alice);
        streams.heartbeat();

        assertThat(client.closed).isTrue();
        assertThat(client.received).isEmpty();
        assertThat(client.heartbeats).isZero();
        assertThat(streams.openStreams()).isZero();
    }

    @Test
    void aCatchUpLongerThanOneBatchDeliversEverything() {
        UUID start = add(alice);
        List<UUID> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(add(alice));
        }
        Client client = new Client();

        streams.open(alice, Optional.of(start), client);

        assertThat(client.received).containsExactlyElementsOf(later);
    }

    @Test
    void aHeartbeatOverIdleStreamsCostsOneQueryAndOnlyAStreamBehindFetches() {
        LiveStreamService many =
                new LiveStreamService(notifications, new LiveStreamService.Limits(5, 1000, 100, 2), Runnable::run);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Client client = new Client();
            clients.add(client);
            many.open(CustomerId.of("idle-" + i), Optional.empty(), client);
        }
        UUID missed = add(CustomerId.of("idle-7"));
        int before = notifications.queries();

        many.heartbeat();

        assertThat(notifications.queries() - before).as("one check, one fetch").isEqualTo(2);
        assertThat(clients.get(7).received).containsExactly(missed);
        assertThat(clients).allSatisfy(client -> assertThat(client.heartbeats).isEqualTo(1));
    }
}
