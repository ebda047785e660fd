package dev.storefront.order.adapter.out.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.out.Carts;
import dev.storefront.order.domain.Cart;
import dev.storefront.order.domain.CartId;
import dev.storefront.order.domain.CartLine;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carts in Redis, one hash per cart ({@code cart:<id>}: field {@code v} the version, {@code body} the JSON). Every
 * write is a Lua compare-and-set on {@code v}, executed atomically by Redis, so a write made from an outdated read
 * fails instead of overwriting a newer cart; every write also restarts the cart's time to live (sliding expiry).
 *
 * <p>When Redis is down or slower than {@code storefront.carts.timeout}, every call fails within that bound as
 * {@code cart-store-unavailable} (503): carts are session data with no second home, so there is nothing to degrade
 * to, and an honest "try again" beats a hang (docs/adr/0018).
 */
@Singleton
class CartRedisStore implements Carts {

    private static final Logger LOG = LoggerFactory.getLogger(CartRedisStore.class);

    /** KEYS[1] cart; ARGV: expected version (0: must not exist), new version, body, ttl millis. */
    static final String SAVE_IF_VERSION = """
            local current = redis.call('HGET', KEYS[1], 'v')
            if (current or '0') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[2], 'body', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """;

    /** KEYS[1] cart; ARGV: expected version. */
    static final String DELETE_IF_VERSION = """
            local current = redis.call('HGET', KEYS[1], 'v')
            if current ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """;

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final JsonMapper json;
    private final long ttlMillis;
    private final long timeoutMillis;

    CartRedisStore(
            BeanProvider<StatefulRedisConnection<String, String>> connection,
            JsonMapper json,
            @Value("${storefront.carts.ttl:7d}") Duration ttl,
            @Value("${storefront.carts.timeout:500ms}") Duration timeout) {
        this.connection = connection;
        this.json = json;
        this.ttlMillis = ttl.toMillis();
        this.timeoutMillis = timeout.toMillis();
    }

    static String key(CartId id) {
        return "cart:" + id.value();
    }

    @Override
    public Optional<Cart> find(CartId id) {
        String body = await(commands().async().hget(key(id), "body"));
        return Optional.ofNullable(body).map(this::decode);
    }

    @Override
    public boolean save(Cart cart, long expectedVersion) {
        Long saved = await(commands()
                .async()
                .eval(
                        SAVE_IF_VERSION,
                        ScriptOutputType.INTEGER,
                        new String[] {key(cart.id())},
                        Long.toString(expectedVersion),
                        Long.toString(cart.version()),
                        encode(cart),
                        Long.toString(ttlMillis)));
        return saved != null && saved == 1L;
    }

    @Override
    public boolean delete(CartId id, long expectedVersion) {
        Long deleted = await(commands()
                .async()
                .eval(
                        DELETE_IF_VERSION,
                        ScriptOutputType.INTEGER,
                        new String[] {key(id)},
                        Long.toString(expectedVersion)));
        return deleted != null && deleted == 1L;
    }

    private StatefulRedisConnection<String, String> commands() {
        try {
            return connection.get();
        } catch (RuntimeException e) {
            LOG.warn("Cart store connection failed: {}", e.toString());
            throw unavailable();
        }
    }

    /** Waits at most the timeout: while Redis is away Lettuce queues commands, and a request must not queue with them. */
    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException) {
                LOG.warn("Cart store failed: {}", e.getCause().toString());
                throw unavailable();
            }
            throw new IllegalStateException("cart store call failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static DomainException unavailable() {
        return DomainException.unavailable(
                "cart-store-unavailable", "Carts are unavailable right now; try again shortly.");
    }

    private String encode(Cart cart) {
        try {
            return json.writeValueAsString(CartDocument.of(cart));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Cart decode(String body) {
        try {
            return json.readValue(body, CartDocument.class).toCart();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable cart in Redis", e);
        }
    }

    /** The stored shape of a cart; versioned by its field names only, so add fields, never rename them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CartDocument(
            String id, String owner, long version, List<LineDocument> lines, Instant createdAt, Instant updatedAt) {
        static CartDocument of(Cart cart) {
            return new CartDocument(
                    cart.id().value(),
                    cart.owner().value(),
                    cart.version(),
                    cart.lines().stream()
                            .map(l -> new LineDocument(
                                    l.sku().value(),
                                    l.quantity(),
                                    l.quotedPrice().amountMinor(),
                                    l.quotedPrice().currency(),
                                    l.setAt()))
                            .toList(),
                    cart.createdAt(),
                    cart.updatedAt());
        }

        Cart toCart() {
            return new Cart(
                    new CartId(id),
                    CustomerId.of(owner),
                    version,
                    (lines == null ? List.<LineDocument>of() : lines)
                            .stream()
                                    .map(l -> new CartLine(
                                            Sku.of(l.sku()),
                                            l.quantity(),
                                            Money.of(l.priceMinor(), l.currency()),
                                            l.setAt()))
                                    .toList(),
                    createdAt,
                    updatedAt);
        }
    }

    @Serdeable
    record LineDocument(String sku, int quantity, long priceMinor, String currency, Instant setAt) {}
}
