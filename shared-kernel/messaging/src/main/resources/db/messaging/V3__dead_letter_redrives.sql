-- What operators put back from a dead-letter topic, by whom and when: a letter is redriven by
-- "redrive all" at most once, and the listing shows which letters were redriven.
CREATE TABLE dead_letter_redrives (
    dlq_topic     VARCHAR(249) NOT NULL,
    dlq_partition INT          NOT NULL,
    dlq_offset    BIGINT       NOT NULL,
    event_id      VARCHAR(64),
    redriven_by   VARCHAR(255) NOT NULL,
    redriven_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset, redriven_at)
);
