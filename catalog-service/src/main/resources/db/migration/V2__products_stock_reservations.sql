-- Products: the sku is the identity; version increments on every change (optimistic concurrency, ETag).
CREATE TABLE products (
    sku          VARCHAR(32)   PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
    name         VARCHAR(200)  NOT NULL CHECK (length(btrim(name)) > 0),
    description  VARCHAR(2000) NOT NULL DEFAULT '',
    category     VARCHAR(64)   NOT NULL REFERENCES categories (slug),
    price_minor  BIGINT        NOT NULL CHECK (price_minor >= 0),
    currency     CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    active       BOOLEAN       NOT NULL DEFAULT TRUE,
    version      BIGINT        NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    name_search  TSVECTOR      GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED
);

-- Listing by category in sku order (keyset pagination); listing all uses the primary key.
CREATE INDEX products_category_sku_idx ON products (category, sku);
-- Text search on names.
CREATE INDEX products_name_search_idx ON products USING GIN (name_search);

-- Stock per product. available = on_hand - reserved; the checks make overselling impossible even for a bug.
CREATE TABLE stock (
    sku       VARCHAR(32) PRIMARY KEY REFERENCES products (sku),
    on_hand   INT         NOT NULL CHECK (on_hand >= 0),
    reserved  INT         NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- A reservation holds stock for one order until it is confirmed (final) or released.
CREATE TABLE reservations (
    order_id    VARCHAR(64) PRIMARY KEY,
    state       VARCHAR(16) NOT NULL CHECK (state IN ('HELD', 'CONFIRMED', 'RELEASED', 'REJECTED')),
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE reservation_lines (
    order_id  VARCHAR(64) NOT NULL REFERENCES reservations (order_id),
    sku       VARCHAR(32) NOT NULL,
    quantity  INT         NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);

CREATE INDEX reservations_held_expiry_idx ON reservations (expires_at) WHERE state = 'HELD';
