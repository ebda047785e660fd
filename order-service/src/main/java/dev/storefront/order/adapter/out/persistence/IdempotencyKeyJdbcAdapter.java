package dev.storefront.order.adapter.out.persistence;

import dev.storefront.kernel.CustomerId;
import dev.storefront.order.application.port.out.IdempotencyKeys;
import dev.storefront.order.domain.OrderId;
import dev.storefront.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys in Postgres. A claim is an INSERT that does nothing on conflict: while another transaction holds an
 * uncommitted claim of the same key, Postgres makes this one wait for it, then reports the key taken.
 */
@Singleton
class IdempotencyKeyJdbcAdapter implements IdempotencyKeys {

    private final Sql sql;

    IdempotencyKeyJdbcAdapter(JdbcOperations jdbc) {
        this.sql = new Sql(jdbc);
    }

    @Override
    public boolean claim(
            CustomerId customer, String key, String fingerprint, OrderId order, Instant now, Instant keepUntil) {
        return sql.update(
                        "INSERT INTO idempotency_keys (customer_id, idem_key, fingerprint, order_id, created_at, keep_until)"
                                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        s -> {
                            s.setString(1, customer.value());
                            s.setString(2, key);
                            s.setString(3, fingerprint);
                            s.setObject(4, order.value());
                            s.setTimestamp(5, Timestamp.from(now));
                            s.setTimestamp(6, Timestamp.from(keepUntil));
                        })
                == 1;
    }

    /** Joins the caller's transaction, or reads in one of its own (checkout looks a key up before it starts one). */
    @Override
    @Transactional
    public Optional<Claimed> find(CustomerId customer, String key) {
        return sql
                .query(
                        "SELECT fingerprint, order_id FROM idempotency_keys WHERE customer_id = ? AND idem_key = ?",
                        s -> {
                            s.setString(1, customer.value());
                            s.setString(2, key);
                        },
                        row -> new Claimed(row.getString(1), new OrderId(row.getObject(2, UUID.class))))
                .stream()
                .findFirst();
    }

    @Override
    public int forgetExpired(Instant now) {
        return sql.update(
                "DELETE FROM idempotency_keys WHERE keep_until < ?", s -> s.setTimestamp(1, Timestamp.from(now)));
    }
}
