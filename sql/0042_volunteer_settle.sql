-- Settling past shifts (src/mod/volunteers/hours.c, docs/volunteers.md "Settling past
-- shifts"): once a shift has ended and the grace of [volunteers] shift_settle_hours has
-- passed, the job "shift-settle" closes its sign-ups that are still live. A confirmed one
-- whose volunteer never checked in becomes no_show; one checked in and never checked out is
-- checked out at the shift's end (completed, its hours recorded); a waiting-list entry or an
-- unanswered invitation is cancelled with ended 'expired'. settled_at says when the job did
-- it (NULL for every sign-up the job did not touch), so the pages can tell a sign-up closed by
-- the settlement from one closed by a person.
ALTER TABLE volunteer_signups ADD COLUMN settled_at INTEGER;
ALTER TABLE volunteer_signups ADD COLUMN ended TEXT CHECK (ended IN ('expired'));
