-- Two changes.
--
-- 1. Pending revisions of published activities. A published activity does not change its
--    public text or links at once: the proposed values wait here, as a revision submitted to
--    the review chain (content type "activity_revision"), while the published version stays
--    what everyone sees. Final approval copies them into the activity; a rejection leaves the
--    activity as it was. fields says which of the columns the revision sets (the bits of the
--    activity fields, see src/mod/activities/activity.h). At most one revision of an activity waits.
--
-- 2. Notifications of space-booking decisions: the kinds space_booking.approved and
--    space_booking.rejected join the list the CHECK of notifications.kind allows. SQLite
--    cannot alter a CHECK, so there the table is rebuilt with the new list (nothing refers to
--    it); PostgreSQL replaces the constraint.

CREATE TABLE activity_revisions (
    id          {{id}},
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    fields      INTEGER NOT NULL CHECK (fields > 0),
    description TEXT,
    audience    TEXT,
    live_url    TEXT,
    replay_url  TEXT,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'obsolete')),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER
) {{strict}};
CREATE INDEX activity_revisions_activity ON activity_revisions(activity_id, id);
CREATE UNIQUE INDEX activity_revisions_pending ON activity_revisions(activity_id)
    WHERE status = 'pending';

{{sqlite}}
CREATE TABLE notifications_new (
    id          {{id}},
    user_id     INTEGER NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL CHECK (kind IN ('booking.confirmed', 'booking.promoted',
                 'session.reminder', 'session.cancelled', 'session.changed',
                 'space_booking.approved', 'space_booking.rejected')),
    booking_id  INTEGER REFERENCES bookings(id),
    session_id  INTEGER,
    activity_id INTEGER,
    params      TEXT,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
) {{strict}};
INSERT INTO notifications_new(id, user_id, kind, booking_id, session_id, activity_id, params,
                              created_at, read_at)
    SELECT id, user_id, kind, booking_id, session_id, activity_id, params, created_at, read_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE UNIQUE INDEX notifications_once ON notifications(booking_id, kind)
    WHERE kind <> 'session.changed';
{{end}}
{{postgres}}
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('booking.confirmed', 'booking.promoted', 'session.reminder',
                    'session.cancelled', 'session.changed', 'space_booking.approved',
                    'space_booking.rejected'));
{{end}}
