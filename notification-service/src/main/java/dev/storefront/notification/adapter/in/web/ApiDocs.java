package dev.storefront.notification.adapter.in.web;

/**
 * What the notification API's OpenAPI annotations say about its inputs and outputs, stated once: the formats and limits
 * the domain and its tables enforce (ids, {@code PageSize}, the V2 migration's column lengths, {@code DeliveryService}'s
 * cap on error texts, {@link NotificationCursors}), written as JSON Schema patterns and lengths. The shared responses,
 * headers and the {@code bearer} scheme they refer to are in shared-kernel/platform/src/main/openapi; {@code
 * bearerAdmin} is declared in {@code NotificationApplication}.
 */
final class ApiDocs {

    private ApiDocs() {}

    /** The customer routes: a JWT with the CUSTOMER role. */
    static final String BEARER = "bearer";

    /** The /admin routes: the same kind of JWT, carrying the ADMIN role. */
    static final String BEARER_ADMIN = "bearerAdmin";

    /** Notification and delivery ids, and {@code Last-Event-ID}, are UUIDs. */
    static final int UUID_LENGTH = 36;

    /** {@code notifications.order_id}: the order id as order-service's events carry it, at most 64 characters. */
    static final int ORDER_ID_MAX_LENGTH = 64;

    /** {@code notifications.subject}: at most 200 characters. */
    static final int SUBJECT_MAX_LENGTH = 200;

    /** {@code notifications.message}, the body: at most 4000 characters. */
    static final int BODY_MAX_LENGTH = 4000;

    /** {@code deliveries.channel}: a channel's stable name, at most 32 characters. */
    static final int CHANNEL_MAX_LENGTH = 32;

    /**
     * The channels there are, {@code recorded} and {@code webhook} (the {@code NotificationChannel} implementations'
     * names): a notification has at most one delivery per channel ({@code UNIQUE (notification_id, channel)}).
     */
    static final int CHANNELS = 2;

    /** {@code deliveries.last_error}: {@code DeliveryService} cuts error texts to 500 characters. */
    static final int LAST_ERROR_MAX_LENGTH = 500;

    /** {@code deliveries.attempts}: an INT, never negative. */
    static final String ATTEMPTS_MAX = "2147483647";

    /** A count of rows, a BIGINT. */
    static final String COUNT_MAX = "9223372036854775807";

    /**
     * A page cursor: base64url without padding of {@code n1:<sequence>}, the sequence a positive long (at most 3 + 19
     * bytes), so at most 30 characters.
     */
    static final String CURSOR_PATTERN = "^[A-Za-z0-9_-]+$";

    static final int CURSOR_MAX_LENGTH = 30;

    /** {@code Instant.toString()} of the latest instant there is, {@code +1000000000-12-31T23:59:59.999999999Z}. */
    static final int INSTANT_MAX_LENGTH = 37;
}
