package dev.storefront.order.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.domain.OrderId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Idempotency keys in memory, per customer. A test can have a concurrent request claim a key meanwhile. */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private record Key(CustomerId customer, String key) {}

    private record Kept(Claimed claimed, Instant keepUntil) {}

    private final Map<Key, Kept> keys = new HashMap<>();
    /** Claimed by a concurrent request right after the next lookup, as if its transaction committed then. */
    Claimed claimedAfterNextLookup;

    int lookups;
    Instant lastKeepUntil;

    void claimedEarlier(CustomerId customer, String key, Claimed claimed) {
        keys.put(new Key(customer, key), new Kept(claimed, Instant.MAX));
    }

    @Override
    public boolean claim(
            CustomerId customer, String key, String fingerprint, OrderId order, Instant now, Instant keepUntil) {
        lastKeepUntil = keepUntil;
        return keys.putIfAbsent(new Key(customer, key), new Kept(new Claimed(fingerprint, order), keepUntil)) == null;
    }

    @Override
    public Optional<Claimed> find(CustomerId customer, String key) {
        lookups++;
        Optional<Claimed> found =
                Optional.ofNullable(keys.get(new Key(customer, key))).map(Kept::claimed);
        if (claimedAfterNextLookup != null) {
            keys.put(new Key(customer, key), new Kept(claimedAfterNextLookup, Instant.MAX));
            claimedAfterNextLookup = null;
        }
        return found;
    }

    @Override
    public int forgetExpired(Instant now) {
        int before = keys.size();
        keys.values().removeIf(kept -> kept.keepUntil().isBefore(now));
        return before - keys.size();
    }
}
