package dev.storefront.notification.application;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.Money;
import dev.storefront.notification.domain.NotificationKind;
import dev.storefront.notification.domain.OrderSummary;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a notification's template may use, the same for every kind: {@code orderId}, {@code customerId},
 * {@code lines} (each with {@code sku}, {@code quantity}, {@code unitPrice}, {@code amount}), {@code total}, and
 * {@code reason} (for rejections and cancellations, "not given" when the customer gave none). Amounts are formatted as
 * "12.50 EUR". docs/api/notifications.md lists them for template authors.
 */
public final class MessageModels {

    /** What a reason reads as when the event carries none. */
    static final String NO_REASON = "not given";

    private MessageModels() {}

    public static Map<String, Object> of(OrderSummary order, String reason) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("orderId", order.orderId());
        model.put("customerId", order.customer().value());
        model.put(
                "lines",
                order.lines().stream()
                        .map(line -> Map.<String, Object>of(
                                "sku", line.sku(),
                                "quantity", line.quantity(),
                                "unitPrice", format(line.unitPrice()),
                                "amount", format(line.amount())))
                        .toList());
        model.put("total", format(order.total()));
        model.put("reason", reason == null || reason.isBlank() ? NO_REASON : reason);
        return model;
    }

    /** A model with every value set, for checking that each kind's template renders. */
    public static Map<String, Object> sample(NotificationKind kind) {
        OrderSummary order = new OrderSummary(
                "0b6f4d0e-8c1a-4a57-9d4e-2f3b1c5a7e90",
                CustomerId.of("sample-customer"),
                List.of(
                        new OrderSummary.Line("SKU-1", 2, Money.of(1250, "EUR")),
                        new OrderSummary.Line("SKU-2", 1, Money.of(999, "EUR"))),
                Money.of(3499, "EUR"));
        return of(order, kind == NotificationKind.ORDER_REJECTED ? "SKU-1: out of stock" : null);
    }

    static String format(Money money) {
        int digits = fractionDigits(money.currency());
        return BigDecimal.valueOf(money.amountMinor(), digits).toPlainString() + " " + money.currency();
    }

    private static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return Math.max(digits, 0);
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
