-- Orders and their lifecycle. Lines, the price snapshot and the outbox arrive with checkout.
CREATE TABLE orders (
    id          UUID        PRIMARY KEY,
    customer_id VARCHAR(128) NOT NULL,
    status      VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'EXPIRED')),
    placed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- "My orders, newest first"
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC, id DESC);
