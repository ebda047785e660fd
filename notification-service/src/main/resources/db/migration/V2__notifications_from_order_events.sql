-- Notifications become records of order events: one per event, numbered per customer in commit order (seq), with a
-- subject and body rendered from templates, a read mark, and their deliveries through channels.

ALTER TABLE notifications
    ADD COLUMN seq             BIGINT,
    ADD COLUMN order_id        VARCHAR(64)   NOT NULL DEFAULT '',
    ADD COLUMN subject         VARCHAR(200)  NOT NULL DEFAULT '',
    ADD COLUMN source_event_id UUID,
    ADD COLUMN read_at         TIMESTAMPTZ;

ALTER TABLE notifications ALTER COLUMN message TYPE VARCHAR(4000);

UPDATE notifications n
SET seq = numbered.seq
FROM (SELECT id, row_number() OVER (PARTITION BY customer_id ORDER BY created_at, id) AS seq FROM notifications) numbered
WHERE n.id = numbered.id;

ALTER TABLE notifications ALTER COLUMN seq SET NOT NULL;
ALTER TABLE notifications ADD CONSTRAINT notifications_seq_positive CHECK (seq > 0);

-- "My notifications, newest first", keyset pages, and "what came after the last one this stream delivered".
DROP INDEX notifications_customer_created_idx;
CREATE UNIQUE INDEX notifications_customer_seq_idx ON notifications (customer_id, seq);
CREATE INDEX notifications_customer_unread_idx ON notifications (customer_id, seq) WHERE read_at IS NULL;
-- The inbox already applies each event once; this makes a second notification of one event impossible regardless.
CREATE UNIQUE INDEX notifications_source_event_idx ON notifications (source_event_id);

-- What this service remembers of a placed order, so that later notifications can name its lines and total.
CREATE TABLE order_summaries (
    order_id    VARCHAR(64)  PRIMARY KEY,
    customer_id VARCHAR(128) NOT NULL,
    currency    CHAR(3)      NOT NULL,
    total_minor BIGINT       NOT NULL,
    placed_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE order_summary_lines (
    order_id         VARCHAR(64)  NOT NULL REFERENCES order_summaries (order_id) ON DELETE CASCADE,
    line_no          INT          NOT NULL,
    sku              VARCHAR(64)  NOT NULL,
    quantity         INT          NOT NULL,
    unit_price_minor BIGINT       NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- One delivery per notification and channel. PENDING ones are claimed when due (FOR UPDATE SKIP LOCKED, so instances
-- share them); a claim moves next_attempt_at one lease ahead, so a delivery whose instance died is due again after it.
CREATE TABLE deliveries (
    id              UUID          PRIMARY KEY,
    notification_id UUID          NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    channel         VARCHAR(32)   NOT NULL,
    state           VARCHAR(16)   NOT NULL CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INT           NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      VARCHAR(500),
    next_attempt_at TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (notification_id, channel)
);

CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX deliveries_state_idx ON deliveries (state, updated_at DESC);
