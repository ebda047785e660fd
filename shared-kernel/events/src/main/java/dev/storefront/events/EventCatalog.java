package dev.storefront.events;

import dev.storefront.events.catalog.ProductChanged;
import dev.storefront.events.catalog.ProductPriceChanged;
import dev.storefront.events.inventory.InventoryCommitted;
import dev.storefront.events.inventory.InventoryRejected;
import dev.storefront.events.inventory.InventoryReleased;
import dev.storefront.events.inventory.InventoryReserved;
import dev.storefront.events.order.OrderCancelled;
import dev.storefront.events.order.OrderConfirmed;
import dev.storefront.events.order.OrderExpired;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.events.order.OrderRejected;
import java.util.List;
import java.util.Optional;

/** Every event type and version the system produces; the event catalogue in docs/events is checked against it. */
public final class EventCatalog {

    public static final EventType<ProductChanged> PRODUCT_CHANGED =
            new EventType<>("ProductChanged", 1, Topics.CATALOG_PRODUCT, ProductChanged.class);
    public static final EventType<ProductPriceChanged> PRODUCT_PRICE_CHANGED =
            new EventType<>("ProductPriceChanged", 1, Topics.CATALOG_PRODUCT, ProductPriceChanged.class);
    public static final EventType<OrderPlaced> ORDER_PLACED =
            new EventType<>("OrderPlaced", 1, Topics.ORDERS_ORDER, OrderPlaced.class);
    public static final EventType<OrderConfirmed> ORDER_CONFIRMED =
            new EventType<>("OrderConfirmed", 1, Topics.ORDERS_ORDER, OrderConfirmed.class);
    public static final EventType<OrderRejected> ORDER_REJECTED =
            new EventType<>("OrderRejected", 1, Topics.ORDERS_ORDER, OrderRejected.class);
    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("OrderCancelled", 1, Topics.ORDERS_ORDER, OrderCancelled.class);
    public static final EventType<OrderExpired> ORDER_EXPIRED =
            new EventType<>("OrderExpired", 1, Topics.ORDERS_ORDER, OrderExpired.class);
    public static final EventType<InventoryReserved> INVENTORY_RESERVED =
            new EventType<>("InventoryReserved", 1, Topics.INVENTORY_RESERVATION, InventoryReserved.class);
    public static final EventType<InventoryRejected> INVENTORY_REJECTED =
            new EventType<>("InventoryRejected", 1, Topics.INVENTORY_RESERVATION, InventoryRejected.class);
    public static final EventType<InventoryCommitted> INVENTORY_COMMITTED =
            new EventType<>("InventoryCommitted", 1, Topics.INVENTORY_RESERVATION, InventoryCommitted.class);
    public static final EventType<InventoryReleased> INVENTORY_RELEASED =
            new EventType<>("InventoryReleased", 1, Topics.INVENTORY_RESERVATION, InventoryReleased.class);

    public static final List<EventType<?>> ALL = List.of(
            PRODUCT_CHANGED,
            PRODUCT_PRICE_CHANGED,
            ORDER_PLACED,
            ORDER_CONFIRMED,
            ORDER_REJECTED,
            ORDER_CANCELLED,
            ORDER_EXPIRED,
            INVENTORY_RESERVED,
            INVENTORY_REJECTED,
            INVENTORY_COMMITTED,
            INVENTORY_RELEASED);

    private EventCatalog() {}

    public static Optional<EventType<?>> find(String name, int version) {
        return ALL.stream()
                .filter(t -> t.name().equals(name) && t.version() == version)
                .findFirst();
    }
}
