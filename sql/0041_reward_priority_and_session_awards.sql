-- The points supermarket's priority booking windows and awards by attendance
-- (docs/rewards.md).
--
-- A priority_booking item names the activity it opens early (activity_id) and by how many
-- hours (priority_hours, 1 to 720): whoever holds a redemption of it that is confirmed or
-- collected books that activity's sessions from each session's booking_opens_at less those
-- hours (core/priority.h; the activities' booking reads it through the hook, not this table).
-- Other kinds name no activity.
--
-- An award may be made for an activity session (session_id): to every registered volunteer
-- checked in at it, once per organisation and session (rewards_awards_session).

ALTER TABLE rewards_items ADD COLUMN activity_id INTEGER REFERENCES activities(id);
ALTER TABLE rewards_items ADD COLUMN priority_hours INTEGER NOT NULL DEFAULT 0
    CHECK (priority_hours >= 0 AND priority_hours <= 720);
CREATE INDEX rewards_items_activity ON rewards_items(activity_id) WHERE activity_id IS NOT NULL;

ALTER TABLE rewards_awards ADD COLUMN session_id INTEGER REFERENCES activity_sessions(id);
CREATE UNIQUE INDEX rewards_awards_session ON rewards_awards(org_id, session_id)
    WHERE session_id IS NOT NULL;
