package dev.storefront.catalog.adapter.out.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The near cache's rules on their own: versions, the subscription and the heartbeat's liveness window. */
class ProductNearCacheTest {

    private static final Sku SKU = Sku.of("LAMP-1");
    private static final Duration LIVENESS = Duration.ofMillis(200);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProductNearCache near = new ProductNearCache(
            new ProductCacheSettings(
                    true,
                    Duration.ofHours(6),
                    0.2,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(1),
                    true,
                    Duration.ofMinutes(10),
                    Duration.ofMillis(50),
                    LIVENESS,
                    100,
                    64),
            meters);

    private static Optional<Product> lamp(long version) {
        return Optional.of(new Product(
                SKU, new ProductDetails("Lamp", "", "lighting", true), Money.of(1000 + version, "EUR"), version));
    }

    @Test
    void aCopyIsServedOnlyWhileSubscribed() {
        near.offer(SKU, lamp(1), 1, near.epoch());
        assertThat(near.get(SKU))
                .as("nothing is kept before the first subscription")
                .isNull();

        near.subscribed();
        near.offer(SKU, lamp(1), 1, near.epoch());
        assertThat(near.get(SKU)).isEqualTo(lamp(1));

        near.unsubscribed();
        assertThat(near.get(SKU)).isNull();
        near.subscribed();
        assertThat(near.get(SKU)).as("the copy from before the gap is gone").isNull();
    }

    @Test
    void aCopyOlderThanAnInvalidationThatArrivedFirstIsRefused() {
        near.subscribed();
        long epoch = near.epoch();
        near.invalidate(SKU, 2);
        near.offer(SKU, lamp(1), 1, epoch);
        assertThat(near.get(SKU)).isNull();
        near.offer(SKU, lamp(2), 2, epoch);
        assertThat(near.get(SKU)).isEqualTo(lamp(2));
    }

    @Test
    void withoutAHeartbeatHeardWithinTheLivenessWindowNoCopyIsServedAndTheCopiesAreDropped() {
        near.subscribed();
        near.offer(SKU, lamp(1), 1, near.epoch());
        assertThat(near.get(SKU)).isEqualTo(lamp(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> !near.live());
        assertThat(near.get(SKU)).as("not served once heartbeats are overdue").isNull();
        assertThat(gauge()).isZero();
        assertThat(near.dropIfLapsed()).isTrue();
        assertThat(near.dropIfLapsed())
                .as("a lapse is dropped and counted once")
                .isFalse();
        assertThat(meters.get("storefront.cache.near.lapses").counter().count()).isEqualTo(1);

        long heardAt = System.nanoTime();
        near.heard(heardAt);
        assertThat(near.live()).isTrue();
        assertThat(gauge()).isOne();
        assertThat(near.get(SKU)).as("the copy was dropped at the lapse").isNull();
        near.heard(heardAt - LIVENESS.toNanos() * 10);
        assertThat(near.live())
                .as("an older heartbeat heard late does not move the window back")
                .isTrue();
        near.offer(SKU, lamp(1), 1, near.epoch());
        assertThat(near.get(SKU)).isEqualTo(lamp(1));
    }

    private double gauge() {
        return meters.get("storefront.cache.near.coherent").gauge().value();
    }
}
