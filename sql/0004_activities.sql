-- Activities (文化活动), their sessions and the seats people book.
-- A session's confirmed seats are kept on the session row (confirmed_seats) and changed only
-- by the statements that confirm, cancel or promote, each guarded by the capacity: the
-- database itself never lets a session pass its capacity, whichever app server writes.

CREATE TABLE activities (
    id             {{id}},
    title          TEXT NOT NULL,
    category       TEXT NOT NULL,
    organiser      TEXT,
    venue_id       INTEGER REFERENCES venues(id),
    division       {{code}} NOT NULL REFERENCES divisions(code),
    address        TEXT,
    lon            REAL,
    lat            REAL,
    description    TEXT NOT NULL DEFAULT '',
    audience       TEXT,
    live_url       TEXT,
    replay_url     TEXT,
    waitlist       INTEGER NOT NULL DEFAULT 0 CHECK (waitlist IN (0, 1)),
    max_companions INTEGER NOT NULL DEFAULT 0 CHECK (max_companions BETWEEN 0 AND 10),
    status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'cancelled')),
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) {{strict}};
CREATE INDEX activities_division ON activities(division, status);

CREATE TABLE activity_sessions (
    id                {{id}},
    activity_id       INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    capacity          INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    booking_opens_at  INTEGER,
    booking_closes_at INTEGER,
    cancel_deadline   INTEGER,
    status            TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    confirmed_seats   INTEGER NOT NULL DEFAULT 0,
    waitlist_seq      INTEGER NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    CHECK (confirmed_seats BETWEEN 0 AND capacity)
) {{strict}};
CREATE INDEX activity_sessions_activity ON activity_sessions(activity_id, starts_at);
CREATE INDEX activity_sessions_time ON activity_sessions(starts_at);

CREATE TABLE bookings (
    id           {{id}},
    session_id   INTEGER NOT NULL REFERENCES activity_sessions(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    status       TEXT NOT NULL
                 CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'checked_in', 'no_show')),
    seats        INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 11),
    companions   TEXT,
    code         TEXT NOT NULL UNIQUE,
    position     INTEGER,
    idem_key     TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) {{strict}};
-- one live booking per person per session
CREATE UNIQUE INDEX bookings_one_per_person ON bookings(session_id, user_id)
    WHERE status IN ('confirmed', 'waitlisted', 'checked_in');
CREATE INDEX bookings_session ON bookings(session_id, status, position);
CREATE INDEX bookings_user ON bookings(user_id, created_at);
CREATE UNIQUE INDEX bookings_idem ON bookings(user_id, idem_key) WHERE idem_key IS NOT NULL;
