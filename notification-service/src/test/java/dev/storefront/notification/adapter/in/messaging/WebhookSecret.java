package dev.storefront.notification.adapter.in.messaging;

/** The webhook signing secret of these tests. */
final class WebhookSecret {

    static final String VALUE = "test-only-webhook-secret-0123456789abcdef";

    private WebhookSecret() {}
}
