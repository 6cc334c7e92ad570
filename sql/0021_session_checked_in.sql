-- Seats checked in, kept per session.
--
-- The indicators of attendance (people served, occupancy of sessions; docs/indicators-computed.md)
-- summed the checked-in bookings of every session they covered: a city-year is millions of
-- bookings, read once per indicator and division. The session now keeps the seats of its
-- checked-in bookings, as it keeps confirmed_seats: the check-in adds them in the same
-- transaction that marks the booking (a checked-in booking never changes status again), so the
-- indicators read the sessions alone. The sessions that exist are counted once here.

ALTER TABLE activity_sessions ADD COLUMN checked_in_seats INTEGER NOT NULL DEFAULT 0
    CHECK (checked_in_seats >= 0);
UPDATE activity_sessions SET checked_in_seats = (
    SELECT coalesce(sum(b.seats), 0) FROM bookings b
     WHERE b.session_id = activity_sessions.id AND b.status = 'checked_in');
