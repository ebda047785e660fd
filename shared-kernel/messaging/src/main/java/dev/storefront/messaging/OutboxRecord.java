package dev.storefront.messaging;

/** One unsent outbox row as the relay claimed it. */
record OutboxRecord(
        long id,
        String eventId,
        String eventType,
        String topic,
        String key,
        byte[] envelope,
        String traceparent,
        int attempts) {}
