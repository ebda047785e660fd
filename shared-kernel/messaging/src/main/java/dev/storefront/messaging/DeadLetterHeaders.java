package dev.storefront.messaging;

/** Headers a dead letter carries on {@code <topic>.dlq}: where it came from and why it could not be processed. */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    /** {@code deserialization}, {@code schema}, {@code rejected} or {@code handler-failed}. */
    public static final String REASON = "dlq.reason";

    public static final String ERROR = "dlq.error";
    public static final String ATTEMPTS = "dlq.attempts";
    public static final String FAILED_AT = "dlq.failed.at";
    /** Set on a record put back on its topic by a redrive: {@code <dlq topic>/<partition>/<offset>}. */
    public static final String REDRIVEN_FROM = "redriven.from";

    private DeadLetterHeaders() {}
}
