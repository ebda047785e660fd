-- An order that was cancelled or expired before catalog held anything for it: a reserve that
-- arrives later (e.g. a dead-lettered OrderPlaced redriven after its OrderCancelled) is refused
-- instead of holding units that nothing would ever release.
CREATE TABLE reservation_tombstones (
    order_id   VARCHAR(64) PRIMARY KEY,
    reason     VARCHAR(32) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
