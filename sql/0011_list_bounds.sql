-- Bounded lists and background work.
--
-- The no-show sweep looks only at sessions that ended recently and, in them, only at
-- bookings still 'confirmed': a partial index holds exactly those, so the sweep's cost
-- follows what is left to mark, not every booking ever made.
CREATE INDEX bookings_confirmed ON bookings(session_id) WHERE status = 'confirmed';
-- an activity's coming sessions (those not ended at a time): lists and the detail carry
-- only these, so a timed entry with years of past slots reads a range, not its history
CREATE INDEX activity_sessions_activity_end ON activity_sessions(activity_id, ends_at);
