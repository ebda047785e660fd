package dev.storefront.notification;

import io.micronaut.runtime.Micronaut;

/** Starts notification-service: notifications per customer, listed and streamed live. */
public final class NotificationApplication {

    private NotificationApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
