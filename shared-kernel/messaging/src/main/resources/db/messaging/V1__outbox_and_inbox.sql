-- Tables of the shared messaging machinery, created in the owning service's schema and versioned in
-- their own history table (messaging_schema_history), independently of the service's migrations.

-- Transactional outbox: rows are written in the same transaction as the state change they announce,
-- and published to Kafka by the relay. A row is marked sent only after the broker acknowledged it.
CREATE TABLE outbox (
    id              BIGSERIAL     PRIMARY KEY,          -- commit order per aggregate (see the relay)
    event_id        UUID          NOT NULL,             -- UUIDv7, unique by construction
    event_type      VARCHAR(100)  NOT NULL,
    topic           VARCHAR(249)  NOT NULL,
    message_key     VARCHAR(255)  NOT NULL,
    envelope        TEXT          NOT NULL,             -- JSON; cast to jsonb to query it
    traceparent     VARCHAR(55)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error      VARCHAR(1000),
    sent_at         TIMESTAMPTZ
);

-- The relay's claim: oldest unsent rows first, and "is there an earlier unsent row of this key?".
CREATE INDEX outbox_unsent_idx     ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_unsent_key_idx ON outbox (topic, message_key, id) WHERE sent_at IS NULL;
-- Purging sent rows after the retention period.
CREATE INDEX outbox_sent_at_idx    ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Inbox: the ids of events a consumer group has applied, written in the same transaction as the effect.
-- A second delivery of the same event finds its id here and is skipped.
CREATE TABLE inbox (
    consumer_group VARCHAR(200) NOT NULL,
    event_id       UUID         NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    topic          VARCHAR(249) NOT NULL,
    kafka_partition INT         NOT NULL,
    kafka_offset   BIGINT       NOT NULL,
    processed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);

CREATE INDEX inbox_processed_at_idx ON inbox (processed_at);
