package dev.storefront.messaging;

/**
 * Thrown by a handler whose effect could not be applied for a reason that says nothing about the event: a store it
 * needs is unreachable. The consumer tries the event again after the longest backoff, as often as it takes, without
 * using up its attempts, and never dead-letters it for this; the events behind it on its partition wait.
 */
public class TemporaryFailureException extends RuntimeException {

    public TemporaryFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
