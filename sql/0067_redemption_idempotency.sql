-- A redemption may carry the Idempotency-Key of the request that made it: the same request
-- again (a retry after a lost answer) gets the first answer instead of a refusal as a
-- duplicate, and spends nothing more.
ALTER TABLE rewards_redemptions ADD COLUMN idem_key TEXT;
CREATE UNIQUE INDEX rewards_redemptions_idem ON rewards_redemptions(user_id, idem_key)
    WHERE idem_key IS NOT NULL;
