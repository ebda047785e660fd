-- Checkout and the order lifecycle: lines with their price snapshot, the status history, catalog's per-line
-- reasons for a rejection, and the idempotency keys of checkout.

-- Before this version orders could only be inserted by hand (tests did); such rows have no lines, no total and no
-- deadline, and cannot be carried over.
DELETE FROM orders;

ALTER TABLE orders
    ADD COLUMN currency    CHAR(3)     NOT NULL,
    ADD COLUMN total_minor BIGINT      NOT NULL CHECK (total_minor >= 0),
    ADD COLUMN deadline    TIMESTAMPTZ NOT NULL,
    -- Counts transitions; an update names the version it was made from (optimistic check under the row lock).
    ADD COLUMN version     BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN updated_at  TIMESTAMPTZ NOT NULL DEFAULT now();

-- The sweeper: PENDING orders by deadline.
CREATE INDEX orders_pending_deadline_idx ON orders (deadline) WHERE status = 'PENDING';
-- "My orders with this status, newest first"
CREATE INDEX orders_customer_status_placed_idx ON orders (customer_id, status, placed_at DESC, id DESC);

CREATE TABLE order_lines (
    order_id         UUID        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INT         NOT NULL,
    sku              VARCHAR(32) NOT NULL,
    quantity         INT         NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price_minor BIGINT      NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, sku)
);

CREATE TABLE order_status_history (
    order_id UUID          NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    seq      INT           NOT NULL,
    status   VARCHAR(16)   NOT NULL,
    at       TIMESTAMPTZ   NOT NULL,
    reason   VARCHAR(4000),
    PRIMARY KEY (order_id, seq)
);

CREATE TABLE order_rejections (
    order_id  UUID        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku       VARCHAR(32) NOT NULL,
    requested INT         NOT NULL,
    available INT         NOT NULL,
    reason    VARCHAR(64) NOT NULL,
    PRIMARY KEY (order_id, sku)
);

-- Keys of checkout requests, per customer. The key is claimed before the order row is written in the same
-- transaction, hence the deferred reference.
CREATE TABLE idempotency_keys (
    customer_id VARCHAR(128) NOT NULL,
    idem_key    VARCHAR(128) NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    order_id    UUID         NOT NULL REFERENCES orders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at  TIMESTAMPTZ  NOT NULL,
    keep_until  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (customer_id, idem_key)
);

CREATE INDEX idempotency_keys_keep_until_idx ON idempotency_keys (keep_until);
