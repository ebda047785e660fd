package dev.storefront.messaging;

import java.util.List;

/** Observes relay batches; the metrics implement it, and fault-injection tests use it to crash the relay. */
interface RelayListener {

    /** The broker acknowledged {@code published}; called before they are marked sent. */
    default void acknowledged(List<OutboxRecord> published) {}

    /** {@code record} could not be published and will be retried after a backoff. */
    default void failed(OutboxRecord record, Throwable error) {}

    RelayListener NONE = new RelayListener() {};
}
