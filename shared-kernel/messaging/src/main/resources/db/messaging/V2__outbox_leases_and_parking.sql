-- The relay no longer holds row locks while it waits on the broker: it leases the rows it claims
-- (claimed_until) in a short transaction, sends, then marks them in another. A relay that dies leaves
-- its rows to be claimed again once the lease has passed.
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMPTZ;

-- A row the broker refuses for good (too large, invalid topic, not authorised) is parked after a
-- bounded number of attempts: it no longer blocks its key, shows in metrics and over the admin API,
-- and an operator retries it once the cause is fixed (docs/runbook/outbox.md).
ALTER TABLE outbox ADD COLUMN parked_at TIMESTAMPTZ;

DROP INDEX outbox_unsent_idx;
DROP INDEX outbox_unsent_key_idx;
CREATE INDEX outbox_unsent_idx     ON outbox (id) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_unsent_key_idx ON outbox (topic, message_key, id) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_parked_idx     ON outbox (id) WHERE parked_at IS NOT NULL AND sent_at IS NULL;
