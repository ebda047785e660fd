package dev.storefront.events;

import dev.storefront.events.catalog.ProductChanged;
import dev.storefront.events.catalog.ProductPriceChanged;
import dev.storefront.events.inventory.InventoryCommitted;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.events.inventory.InventoryReleased;
import dev.storefront.events.inventory.InventoryReserved;
import dev.storefront.events.inventory.RejectedLine;
import dev.storefront.events.inventory.ReservedLine;
import dev.storefront.events.order.OrderCancelled;
import dev.storefront.events.order.OrderConfirmed;
import dev.storefront.events.order.OrderExpired;
import dev.storefront.events.order.OrderLine;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.events.order.OrderRejected;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data builders for every event payload: realistic defaults, overridable where a test needs a particular value.
 * {@link #of(EventType)} gives the default example of any catalogued type.
 */
final class EventExamples {

    static final String ORDER_ID = "0197a5c2-6f3e-7b41-9c2d-5e8f1a2b3c4d";
    static final String CUSTOMER_ID = "alice@example.com";
    static final Instant NOW = Instant.parse("2025-06-01T10:15:30.123456Z");

    private EventExamples() {}

    /** The default example payload of {@code type}. */
    static <T> T of(EventType<T> type) {
        Object example = switch (type.name()) {
            case "ProductChanged" -> aProductChanged().build();
            case "ProductPriceChanged" -> aProductPriceChanged().build();
            case "OrderPlaced" -> anOrderPlaced().build();
            case "OrderConfirmed" -> anOrderConfirmed().build();
            case "OrderRejected" -> anOrderRejected().build();
            case "OrderCancelled" -> anOrderCancelled().build();
            case "OrderExpired" -> anOrderExpired().build();
            case "InventoryReserved" -> anInventoryReserved().build();
            case "InventoryRejected" -> anInventoryRejected().build();
            case "InventoryCommitted" -> new InventoryCommitted(ORDER_ID, List.of(new ReservedLine("MUG-001", 2)));
            case "InventoryReleased" ->
                new InventoryReleased(ORDER_ID, List.of(new ReservedLine("MUG-001", 2)), "ORDER_CANCELLED", true);
            default -> throw new IllegalArgumentException("no example for " + type + "; add a builder");
        };
        return type.payloadType().cast(example);
    }

    /** The aggregate an event of {@code type} belongs to, i.e. its Kafka key. */
    static String aggregateIdOf(EventType<?> type, Object payload) {
        return switch (payload) {
            case ProductChanged p -> p.sku();
            case ProductPriceChanged p -> p.sku();
            case OrderPlaced p -> p.orderId();
            case OrderConfirmed p -> p.orderId();
            case OrderRejected p -> p.orderId();
            case OrderCancelled p -> p.orderId();
            case OrderExpired p -> p.orderId();
            case InventoryReserved p -> p.orderId();
            case InventoryRejected p -> p.orderId();
            case InventoryCommitted p -> p.orderId();
            case InventoryReleased p -> p.orderId();
            default -> throw new IllegalArgumentException("no aggregate id for " + type);
        };
    }

    static ProductChangedBuilder aProductChanged() {
        return new ProductChangedBuilder();
    }

    static ProductPriceChangedBuilder aProductPriceChanged() {
        return new ProductPriceChangedBuilder();
    }

    static OrderPlacedBuilder anOrderPlaced() {
        return new OrderPlacedBuilder();
    }

    static OrderConfirmedBuilder anOrderConfirmed() {
        return new OrderConfirmedBuilder();
    }

    static OrderRejectedBuilder anOrderRejected() {
        return new OrderRejectedBuilder();
    }

    static OrderCancelledBuilder anOrderCancelled() {
        return new OrderCancelledBuilder();
    }

    static OrderExpiredBuilder anOrderExpired() {
        return new OrderExpiredBuilder();
    }

    static InventoryReservedBuilder anInventoryReserved() {
        return new InventoryReservedBuilder();
    }

    static InventoryRejectedBuilder anInventoryRejected() {
        return new InventoryRejectedBuilder();
    }

    static final class ProductChangedBuilder {
        private String sku = "MUG-001";
        private String name = "Enamel mug, 350 ml";
        private String category = "kitchen";
        private long priceMinor = 1299;
        private String currency = "EUR";
        private boolean active = true;
        private long version = 3;

        ProductChangedBuilder priceMinor(long value) {
            priceMinor = value;
            return this;
        }

        ProductChangedBuilder inactive() {
            active = false;
            return this;
        }

        ProductChanged build() {
            return new ProductChanged(sku, name, category, priceMinor, currency, active, version);
        }
    }

    static final class ProductPriceChangedBuilder {
        private String sku = "MUG-001";
        private long oldPriceMinor = 1299;
        private long newPriceMinor = 1099;
        private String currency = "EUR";
        private long version = 4;

        ProductPriceChangedBuilder to(long value) {
            newPriceMinor = value;
            return this;
        }

        ProductPriceChanged build() {
            return new ProductPriceChanged(sku, oldPriceMinor, newPriceMinor, currency, version);
        }
    }

    static final class OrderPlacedBuilder {
        private String orderId = ORDER_ID;
        private String customerId = CUSTOMER_ID;
        private final List<OrderLine> lines = new ArrayList<>();
        private String currency = "EUR";
        private Instant placedAt = NOW;
        private Duration pendingFor = Duration.ofMinutes(15);

        OrderPlacedBuilder customerId(String value) {
            customerId = value;
            return this;
        }

        OrderPlacedBuilder line(String sku, int quantity, long unitPriceMinor) {
            lines.add(new OrderLine(sku, quantity, unitPriceMinor));
            return this;
        }

        OrderPlacedBuilder currency(String value) {
            currency = value;
            return this;
        }

        OrderPlaced build() {
            List<OrderLine> orderLines = lines.isEmpty()
                    ? List.of(new OrderLine("MUG-001", 2, 1299), new OrderLine("TEAPOT-CAST-IRON", 1, 4500))
                    : List.copyOf(lines);
            long total = orderLines.stream()
                    .mapToLong(l -> l.quantity() * l.unitPriceMinor())
                    .sum();
            return new OrderPlaced(
                    orderId,
                    customerId,
                    orderLines,
                    currency,
                    total,
                    placedAt,
                    placedAt.plus(pendingFor).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    static final class OrderConfirmedBuilder {
        private String orderId = ORDER_ID;
        private String customerId = CUSTOMER_ID;

        OrderConfirmed build() {
            return new OrderConfirmed(orderId, customerId);
        }
    }

    static final class OrderRejectedBuilder {
        private String orderId = ORDER_ID;
        private String customerId = CUSTOMER_ID;
        private String reason = "INSUFFICIENT_STOCK";

        OrderRejected build() {
            return new OrderRejected(orderId, customerId, reason);
        }
    }

    static final class OrderCancelledBuilder {
        private String orderId = ORDER_ID;
        private String customerId = CUSTOMER_ID;
        private String reason = "customer changed their mind";

        OrderCancelledBuilder reason(String value) {
            reason = value;
            return this;
        }

        OrderCancelled build() {
            return new OrderCancelled(orderId, customerId, reason);
        }
    }

    static final class OrderExpiredBuilder {
        private String orderId = ORDER_ID;
        private String customerId = CUSTOMER_ID;

        OrderExpired build() {
            return new OrderExpired(orderId, customerId);
        }
    }

    static final class InventoryReservedBuilder {
        private String orderId = ORDER_ID;
        private final List<ReservedLine> lines = new ArrayList<>();
        private Instant expiresAt = NOW.plus(Duration.ofMinutes(15));

        InventoryReservedBuilder line(String sku, int quantity) {
            lines.add(new ReservedLine(sku, quantity));
            return this;
        }

        InventoryReservedBuilder expiresAt(Instant value) {
            expiresAt = value;
            return this;
        }

        InventoryReserved build() {
            List<ReservedLine> reserved = lines.isEmpty()
                    ? List.of(new ReservedLine("MUG-001", 2), new ReservedLine("TEAPOT-CAST-IRON", 1))
                    : List.copyOf(lines);
            return new InventoryReserved(orderId, reserved, expiresAt);
        }
    }

    static final class InventoryRejectedBuilder {
        private String orderId = ORDER_ID;
        private final List<RejectedLine> lines = new ArrayList<>();

        InventoryRejectedBuilder line(String sku, int requested, int available, String reason) {
            lines.add(new RejectedLine(sku, requested, available, reason));
            return this;
        }

        InventoryRejected build() {
            List<RejectedLine> rejected = lines.isEmpty()
                    ? List.of(
                            new RejectedLine("TEAPOT-CAST-IRON", 3, 1, "INSUFFICIENT_STOCK"),
                            new RejectedLine("LAMP-042", 1, 0, "INACTIVE_PRODUCT"))
                    : List.copyOf(lines);
            return new InventoryRejected(orderId, rejected);
        }
    }
}
