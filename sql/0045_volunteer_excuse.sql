-- Excusing a no-show (src/mod/volunteers/hours.c, docs/volunteers.md "Settling past shifts"):
-- a coordinator of the shift's organisation excuses a sign-up the settlement marked no_show,
-- with a reason. The status stays no_show (what happened is not rewritten); an excused one is
-- not counted among the volunteer's no-shows.
ALTER TABLE volunteer_signups ADD COLUMN excused_at INTEGER;
ALTER TABLE volunteer_signups ADD COLUMN excused_by INTEGER REFERENCES users(id);
ALTER TABLE volunteer_signups ADD COLUMN excuse TEXT;
