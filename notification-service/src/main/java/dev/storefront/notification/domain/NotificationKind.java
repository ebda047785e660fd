package dev.storefront.notification.domain;

/** What a notification tells its customer; each kind has its own template (notification-templates/<template>.mustache). */
public enum NotificationKind {
    ORDER_RECEIVED("order-received"),
    ORDER_CONFIRMED("order-confirmed"),
    ORDER_REJECTED("order-rejected"),
    ORDER_CANCELLED("order-cancelled"),
    ORDER_EXPIRED("order-expired");

    private final String template;

    NotificationKind(String template) {
        this.template = template;
    }

    /** The template's name, without its extension. */
    public String template() {
        return template;
    }
}
