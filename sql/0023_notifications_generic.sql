-- Notifications of any module.
--
-- A notification was about a booking of an activity's session (booking_id, session_id,
-- activity_id, with a CHECK listing the kinds), and the space bookings' decisions fitted in
-- beside it with empty columns. Now a notification is about a subject of any module, named by
-- its type and id ("booking" 12, "space_booking" 7, a course's enrolment tomorrow), with a
-- snapshot of what the inbox and the webhooks show of it, taken when it is sent: a title, the
-- page of the site about it (href), the time it is about (at) and the division it belongs to.
-- extra keeps the sending module's own description of the subject (the webhook bodies of the
-- kinds that had a form of their own before, docs/notifications.md). The kinds are the
-- modules' (registered at start-up), so the database lists none.
--
-- What may not repeat is said by once (1: the kind may not repeat, decided by the kind when it
-- is written): at most one notification of a kind per person and subject, whoever writes it,
-- by the unique index notifications_once, which replaces the one on (booking_id, kind).
--
-- The rows there are keep what they said: the activities' kinds get subject ("booking",
-- booking_id), the activity's title and page, the session's start and the activity's division
-- as they are now, and extra in the form of their webhook body; the space bookings' decisions
-- get subject ("space_booking", the first booking decided), the title reported, the booking's
-- start and the space's division. SQLite rebuilds the table (it cannot drop a column with a
-- foreign key, nor a CHECK); PostgreSQL alters it.

{{sqlite}}
CREATE TABLE notifications_new (
    id           {{id}},
    user_id      INTEGER NOT NULL REFERENCES users(id),
    kind         TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    title        TEXT,
    href         TEXT,
    at           INTEGER,
    division     {{code}},
    params       TEXT,
    extra        TEXT,
    once         INTEGER NOT NULL DEFAULT 0 CHECK (once IN (0, 1)),
    created_at   INTEGER NOT NULL,
    read_at      INTEGER
) {{strict}};
INSERT INTO notifications_new(id, user_id, kind, subject_type, subject_id, title, href, at,
                              division, params, extra, once, created_at, read_at)
    SELECT n.id, n.user_id, n.kind, 'booking', n.booking_id, a.title,
           '/activities/' || coalesce(a.id, n.activity_id), s.starts_at, a.division, n.params,
           json_object('activity', json_object('id', coalesce(a.id, n.activity_id),
                                               'title', a.title, 'division', a.division),
                       'booking_id', n.booking_id,
                       'session', json_object('id', n.session_id,
                           'starts_at', strftime('%Y-%m-%dT%H:%M:%S', s.starts_at / 1000 + 28800,
                                                 'unixepoch') || '+08:00',
                           'ends_at', strftime('%Y-%m-%dT%H:%M:%S', s.ends_at / 1000 + 28800,
                                               'unixepoch') || '+08:00')),
           CASE WHEN n.kind = 'session.changed' THEN 0 ELSE 1 END, n.created_at, n.read_at
    FROM notifications n
    LEFT JOIN activity_sessions s ON s.id = n.session_id
    LEFT JOIN activities a ON a.id = coalesce(n.activity_id, s.activity_id)
    WHERE n.booking_id IS NOT NULL;
INSERT INTO notifications_new(id, user_id, kind, subject_type, subject_id, title, href, at,
                              division, params, extra, once, created_at, read_at)
    SELECT n.id, n.user_id, n.kind, 'space_booking',
           coalesce(json_extract(n.params, '$.space_booking_id'), 0),
           json_extract(n.params, '$.title'), '/me/space-bookings', b.starts_at, sp.division,
           n.params, json_object('division', sp.division), 0, n.created_at, n.read_at
    FROM notifications n
    LEFT JOIN space_bookings b ON b.id = json_extract(n.params, '$.space_booking_id')
    LEFT JOIN spaces sp ON sp.id = b.space_id
    WHERE n.booking_id IS NULL;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications(user_id, id);
{{end}}

{{postgres}}
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
DROP INDEX notifications_once;
ALTER TABLE notifications
    ADD COLUMN subject_type TEXT,
    ADD COLUMN subject_id   INTEGER,
    ADD COLUMN title        TEXT,
    ADD COLUMN href         TEXT,
    ADD COLUMN at           INTEGER,
    ADD COLUMN division     {{code}},
    ADD COLUMN extra        TEXT,
    ADD COLUMN once         INTEGER NOT NULL DEFAULT 0 CHECK (once IN (0, 1));
UPDATE notifications n
   SET subject_type = 'booking', subject_id = n.booking_id, title = a.title,
       href = '/activities/' || a.id, at = s.starts_at, division = a.division,
       extra = json_build_object(
           'activity', json_build_object('id', a.id, 'title', a.title, 'division', a.division),
           'booking_id', n.booking_id,
           'session', json_build_object('id', n.session_id,
               'starts_at', to_char(to_timestamp(s.starts_at / 1000) AT TIME ZONE 'UTC'
                                    + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00',
               'ends_at', to_char(to_timestamp(s.ends_at / 1000) AT TIME ZONE 'UTC'
                                  + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00'
           ))::text
  FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
 WHERE n.booking_id IS NOT NULL AND s.id = n.session_id;
UPDATE notifications n
   SET subject_type = 'space_booking', subject_id = b.id, title = n.params::json ->> 'title',
       href = '/me/space-bookings', at = b.starts_at, division = sp.division,
       extra = json_build_object('division', sp.division)::text
  FROM space_bookings b JOIN spaces sp ON sp.id = b.space_id
 WHERE n.booking_id IS NULL AND b.id = (n.params::json ->> 'space_booking_id')::bigint;
-- what the joins did not find keeps at least its subject
UPDATE notifications SET subject_type = 'booking', subject_id = booking_id
 WHERE subject_type IS NULL AND booking_id IS NOT NULL;
UPDATE notifications
   SET subject_type = 'space_booking',
       subject_id = coalesce((params::json ->> 'space_booking_id')::bigint, 0)
 WHERE subject_type IS NULL;
UPDATE notifications SET once = 1 WHERE booking_id IS NOT NULL AND kind <> 'session.changed';
ALTER TABLE notifications
    ALTER COLUMN subject_type SET NOT NULL,
    ALTER COLUMN subject_id SET NOT NULL,
    DROP COLUMN booking_id,
    DROP COLUMN session_id,
    DROP COLUMN activity_id;
{{end}}

-- at most one of a kind that may not repeat, per subject and person
CREATE UNIQUE INDEX notifications_once ON notifications(subject_type, subject_id, user_id, kind)
    WHERE once = 1;
