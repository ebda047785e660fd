package dev.storefront.messaging;

/** A handler's verdict that an event can never be applied: retrying is pointless, it goes to the dead letters. */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }
}
