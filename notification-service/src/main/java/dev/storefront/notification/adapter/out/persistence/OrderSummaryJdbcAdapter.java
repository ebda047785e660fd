package dev.storefront.notification.adapter.out.persistence;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.application.port.out.OrderSummaries;
import dev.storefront.notification.domain.OrderSummary;
import dev.storefront.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The placed orders this service remembers, in Postgres (order_summaries and their lines). */
@Singleton
@Transactional
class OrderSummaryJdbcAdapter implements OrderSummaries {

    private final Sql sql;

    OrderSummaryJdbcAdapter(JdbcOperations jdbc) {
        this.sql = new Sql(jdbc);
    }

    @Override
    public void remember(OrderSummary summary) {
        int inserted = sql.update(
                "INSERT INTO order_summaries (order_id, customer_id, currency, total_minor) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (order_id) DO NOTHING",
                s -> {
                    s.setString(1, summary.orderId());
                    s.setString(2, summary.customer().value());
                    s.setString(3, summary.total().currency());
                    s.setLong(4, summary.total().amountMinor());
                });
        if (inserted == 0 || summary.lines().isEmpty()) {
            return;
        }
        sql.batch(
                "INSERT INTO order_summary_lines (order_id, line_no, sku, quantity, unit_price_minor)"
                        + " VALUES (?, ?, ?, ?, ?)",
                s -> {
                    int no = 1;
                    for (OrderSummary.Line line : summary.lines()) {
                        s.setString(1, summary.orderId());
                        s.setInt(2, no++);
                        s.setString(3, line.sku());
                        s.setInt(4, line.quantity());
                        s.setLong(5, line.unitPrice().amountMinor());
                        s.addBatch();
                    }
                });
    }

    @Override
    public Optional<OrderSummary> of(String orderId) {
        record Head(String customer, String currency, long total) {}
        List<Head> heads = sql.query(
                "SELECT customer_id, currency, total_minor FROM order_summaries WHERE order_id = ?",
                s -> s.setString(1, orderId),
                row -> new Head(row.getString(1), row.getString(2), row.getLong(3)));
        if (heads.isEmpty()) {
            return Optional.empty();
        }
        Head head = heads.get(0);
        List<OrderSummary.Line> lines = sql.query(
                "SELECT sku, quantity, unit_price_minor FROM order_summary_lines WHERE order_id = ? ORDER BY line_no",
                s -> s.setString(1, orderId),
                row -> new OrderSummary.Line(
                        row.getString(1), row.getInt(2), Money.of(row.getLong(3), head.currency())));
        return Optional.of(new OrderSummary(
                orderId, CustomerId.of(head.customer()), lines, Money.of(head.total(), head.currency())));
    }
}
