package dev.storefront.events;

import java.util.List;

/** The business topics (architecture.md section 3) and the naming of their dead-letter twins. */
public final class Topics {

    /** Product and price changes; key: sku. */
    public static final String CATALOG_PRODUCT = "catalog.product.v1";
    /** Order lifecycle; key: order id. */
    public static final String ORDERS_ORDER = "orders.order.v1";
    /** Stock reservation outcomes; key: order id. */
    public static final String INVENTORY_RESERVATION = "inventory.reservation.v1";

    public static final List<String> ALL = List.of(CATALOG_PRODUCT, ORDERS_ORDER, INVENTORY_RESERVATION);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {}

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
