package dev.storefront.order.adapter.out.persistence;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.out.Orders;
import dev.storefront.order.domain.LineRejection;
import dev.storefront.order.domain.Order;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderLine;
import dev.storefront.order.domain.OrderStatus;
import dev.storefront.order.domain.StatusChange;
import dev.storefront.platform.persistence.Sql;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders in Postgres (schema orders): the order row, its lines, its status history and rejection reasons. Children of
 * a page of orders are read with one query per table, never one per order.
 */
@Singleton
class OrderJdbcAdapter implements Orders {

    private static final String COLUMNS = "id, customer_id, status, placed_at, deadline, currency, version";

    private final Sql sql;
    private final JdbcOperations jdbc;

    OrderJdbcAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
        this.sql = new Sql(jdbc);
    }

    @Override
    public void add(Order order) {
        sql.update(
                "INSERT INTO orders (id, customer_id, status, placed_at, deadline, currency, total_minor, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, order.id().value());
                    s.setString(2, order.customer().value());
                    s.setString(3, order.status().name());
                    s.setTimestamp(4, Timestamp.from(order.placedAt()));
                    s.setTimestamp(5, Timestamp.from(order.deadline()));
                    s.setString(6, order.total().currency());
                    s.setLong(7, order.total().amountMinor());
                    s.setLong(8, order.version());
                });
        sql.batch(
                "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor) VALUES (?, ?, ?, ?, ?)",
                s -> {
                    int lineNo = 0;
                    for (OrderLine line : order.lines()) {
                        s.setObject(1, order.id().value());
                        s.setInt(2, ++lineNo);
                        s.setString(3, line.sku().value());
                        s.setInt(4, line.quantity());
                        s.setLong(5, line.unitPrice().amountMinor());
                        s.addBatch();
                    }
                });
        insertHistory(order, 0);
    }

    @Override
    public void update(Order order) {
        int updated = sql.update(
                "UPDATE orders SET status = ?, version = ?, updated_at = now() WHERE id = ? AND version = ?", s -> {
                    s.setString(1, order.status().name());
                    s.setLong(2, order.version());
                    s.setObject(3, order.id().value());
                    s.setLong(4, order.version() - 1);
                });
        if (updated != 1) {
            throw new IllegalStateException("order " + order.id() + " is not at version " + (order.version() - 1));
        }
        // A transition adds exactly one step to the history: everything before it is stored already.
        insertHistory(order, order.history().size() - 1);
        if (!order.rejections().isEmpty()) {
            sql.batch(
                    "INSERT INTO order_rejections (order_id, sku, requested, available, reason) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    s -> {
                        for (LineRejection rejection : order.rejections()) {
                            s.setObject(1, order.id().value());
                            s.setString(2, rejection.sku().value());
                            s.setInt(3, rejection.requested());
                            s.setInt(4, rejection.available());
                            s.setString(5, rejection.reason());
                            s.addBatch();
                        }
                    });
        }
    }

    private void insertHistory(Order order, int alreadyStored) {
        List<StatusChange> fresh =
                order.history().subList(alreadyStored, order.history().size());
        if (fresh.isEmpty()) {
            return;
        }
        sql.batch("INSERT INTO order_status_history (order_id, seq, status, at, reason) VALUES (?, ?, ?, ?, ?)", s -> {
            int seq = alreadyStored;
            for (StatusChange change : fresh) {
                s.setObject(1, order.id().value());
                s.setInt(2, ++seq);
                s.setString(3, change.status().name());
                s.setTimestamp(4, Timestamp.from(change.at()));
                s.setString(5, change.reason().orElse(null));
                s.addBatch();
            }
        });
    }

    /** Joins the caller's transaction, or reads in one of its own (a replayed checkout reads outside any). */
    @Override
    @Transactional
    public Optional<Order> find(OrderId id) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE id = ?", id);
    }

    @Override
    public Optional<Order> lock(OrderId id) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE id = ? FOR UPDATE", id);
    }

    @Override
    public List<OrderId> lockOverdue(Instant now, int limit) {
        return sql.query(
                "SELECT id FROM orders WHERE status = 'PENDING' AND deadline <= ? ORDER BY deadline LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED",
                s -> {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setInt(2, limit);
                },
                row -> new OrderId(row.getObject(1, UUID.class)));
    }

    @Override
    public List<Order> newestOf(
            CustomerId customer, Optional<OrderStatus> status, Optional<PagePosition> after, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE customer_id = ?");
        status.ifPresent(s -> query.append(" AND status = ?"));
        after.ifPresent(a -> query.append(" AND (placed_at, id) < (?, ?)"));
        query.append(" ORDER BY placed_at DESC, id DESC LIMIT ?");
        List<OrderHead> heads = sql.query(
                query.toString(),
                s -> {
                    int i = 0;
                    s.setString(++i, customer.value());
                    if (status.isPresent()) {
                        s.setString(++i, status.get().name());
                    }
                    if (after.isPresent()) {
                        s.setTimestamp(++i, Timestamp.from(after.get().placedAt()));
                        s.setObject(++i, after.get().id().value());
                    }
                    s.setInt(++i, limit);
                },
                OrderJdbcAdapter::head);
        return assemble(heads);
    }

    private Optional<Order> one(String query, OrderId id) {
        List<OrderHead> heads = sql.query(query, s -> s.setObject(1, id.value()), OrderJdbcAdapter::head);
        return assemble(heads).stream().findFirst();
    }

    /** The order rows with their children, in the order of {@code heads}. */
    private List<Order> assemble(List<OrderHead> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<UUID, Children> children = new LinkedHashMap<>();
        heads.forEach(h -> children.put(h.id(), new Children()));
        Map<UUID, String> currency = new LinkedHashMap<>();
        heads.forEach(h -> currency.put(h.id(), h.currency()));
        UUID[] ids = children.keySet().toArray(UUID[]::new);
        forEach(
                "SELECT order_id, sku, quantity, unit_price_minor FROM order_lines WHERE order_id = ANY(?)"
                        + " ORDER BY order_id, line_no",
                ids,
                row -> {
                    UUID id = row.getObject(1, UUID.class);
                    children.get(id)
                            .lines
                            .add(new OrderLine(
                                    Sku.of(row.getString(2)),
                                    row.getInt(3),
                                    Money.of(row.getLong(4), currency.get(id))));
                });
        forEach(
                "SELECT order_id, status, at, reason FROM order_status_history WHERE order_id = ANY(?)"
                        + " ORDER BY order_id, seq",
                ids,
                row -> children.get(row.getObject(1, UUID.class))
                        .history
                        .add(new StatusChange(
                                OrderStatus.valueOf(row.getString(2)),
                                row.getTimestamp(3).toInstant(),
                                Optional.ofNullable(row.getString(4)))));
        forEach(
                "SELECT order_id, sku, requested, available, reason FROM order_rejections WHERE order_id = ANY(?)"
                        + " ORDER BY order_id, sku",
                ids,
                row -> children.get(row.getObject(1, UUID.class))
                        .rejections
                        .add(new LineRejection(
                                Sku.of(row.getString(2)), row.getInt(3), row.getInt(4), row.getString(5))));
        List<Order> orders = new ArrayList<>(heads.size());
        for (OrderHead head : heads) {
            Children c = children.get(head.id());
            orders.add(Order.restore(
                    new OrderId(head.id()),
                    CustomerId.of(head.customerId()),
                    c.lines,
                    head.status(),
                    head.placedAt(),
                    head.deadline(),
                    head.version(),
                    c.history,
                    c.rejections));
        }
        return orders;
    }

    private void forEach(String query, UUID[] ids, RowConsumer consumer) {
        jdbc.prepareStatement(query, statement -> {
            try {
                Array array = statement.getConnection().createArrayOf("uuid", ids);
                statement.setArray(1, array);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(rows);
                    }
                }
                return null;
            } catch (SQLException e) {
                throw new DataAccessException("query failed: " + query, e);
            }
        });
    }

    private static OrderHead head(ResultSet row) throws SQLException {
        return new OrderHead(
                row.getObject(1, UUID.class),
                row.getString(2),
                OrderStatus.valueOf(row.getString(3)),
                row.getTimestamp(4).toInstant(),
                row.getTimestamp(5).toInstant(),
                row.getString(6),
                row.getLong(7));
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /** A row of orders.orders: the order without its children. */
    private record OrderHead(
            UUID id,
            String customerId,
            OrderStatus status,
            Instant placedAt,
            Instant deadline,
            String currency,
            long version) {}

    private static final class Children {
        final List<OrderLine> lines = new ArrayList<>();
        final List<StatusChange> history = new ArrayList<>();
        final List<LineRejection> rejections = new ArrayList<>();
    }
}
