package dev.storefront.notification.domain;

/** Where the delivery of one notification through one channel stands. */
public enum DeliveryState {
    /** Not delivered yet; tried again at its next attempt time. */
    PENDING,
    /** The channel accepted it. */
    SENT,
    /** Parked: every attempt failed. An administrator retries it once the endpoint is fixed. */
    FAILED
}
