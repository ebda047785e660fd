-- Notifications per customer, created from order events.
CREATE TABLE notifications (
    id          UUID         PRIMARY KEY,
    customer_id VARCHAR(128) NOT NULL,
    kind        VARCHAR(64)  NOT NULL,
    message     VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- "My notifications, newest first"
CREATE INDEX notifications_customer_created_idx ON notifications (customer_id, created_at DESC, id DESC);
