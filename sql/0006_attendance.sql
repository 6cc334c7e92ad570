-- Attendance: when a booked person came (checked_in_at), no-shows that staff excused, and
-- ratings of activities by the people who attended them.
--
-- A booking still 'confirmed' when its session has ended is a no-show: the sweep marks it
-- 'no_show' (the status already allowed by 0004). An excused no-show keeps its status and
-- gets excused_at/excused_by: SQLite cannot change a CHECK constraint in place, and the
-- record of what happened (not there, then excused) is worth keeping.

ALTER TABLE bookings ADD COLUMN checked_in_at INTEGER;
ALTER TABLE bookings ADD COLUMN excused_at INTEGER;
ALTER TABLE bookings ADD COLUMN excused_by INTEGER REFERENCES users(id);

-- the sweep finds the sessions that have ended
CREATE INDEX activity_sessions_end ON activity_sessions(ends_at);
-- a person's no-shows (the ban rule)
CREATE INDEX bookings_user_status ON bookings(user_id, status);
-- a venue's activities (its rating average)
CREATE INDEX activities_venue ON activities(venue_id);

CREATE TABLE ratings (
    id          {{id}},
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected')),
    reason      TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    decided_by  INTEGER REFERENCES users(id),
    decided_at  INTEGER,
    UNIQUE (activity_id, user_id)
) {{strict}};
-- averages of approved ratings per activity, read from the index alone
CREATE INDEX ratings_activity ON ratings(activity_id, status, score);
-- the moderation queue
CREATE INDEX ratings_status ON ratings(status, id);
