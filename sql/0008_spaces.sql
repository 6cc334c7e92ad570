-- Space booking (场地预约): the rooms of a venue and the street culture stations (街头文化站)
-- that groups and performers book for a time range, reporting the programme (节目报备) for
-- staff to approve. Times are milliseconds since the epoch; opens/closes are minutes after
-- local midnight.
--
-- No two approved bookings of one space overlap. The rule is kept by the approving
-- transaction, not by a constraint (SQLite has no exclusion constraint): it first bumps
-- spaces.version, which takes the space row's write lock on PostgreSQL (and the database's
-- on SQLite), then looks for an approved booking that overlaps, then approves. Two approvals
-- of one space therefore run one after the other, whichever app server runs them.

CREATE TABLE spaces (
    id          {{id}},
    venue_id    INTEGER REFERENCES venues(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    kind        TEXT NOT NULL CHECK (kind IN ('room', 'street_station')),
    name        TEXT NOT NULL,
    address     TEXT,
    lon         REAL CHECK (lon BETWEEN -180 AND 180),
    lat         REAL CHECK (lat BETWEEN -90 AND 90),
    capacity    INTEGER NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 100000),
    equipment   TEXT,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    opens       INTEGER NOT NULL DEFAULT 480 CHECK (opens BETWEEN 0 AND 1439),
    closes      INTEGER NOT NULL DEFAULT 1320 CHECK (closes BETWEEN 1 AND 1440),
    max_minutes INTEGER NOT NULL DEFAULT 240 CHECK (max_minutes BETWEEN 15 AND 1440),
    version     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (closes > opens)
) {{strict}};
CREATE INDEX spaces_division ON spaces(division, kind);
CREATE INDEX spaces_venue ON spaces(venue_id);

CREATE TABLE space_bookings (
    id          {{id}},
    space_id    INTEGER NOT NULL REFERENCES spaces(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    group_name  TEXT NOT NULL,
    contact     TEXT NOT NULL,
    title       TEXT NOT NULL,
    content     TEXT NOT NULL DEFAULT '',
    performers  INTEGER NOT NULL CHECK (performers BETWEEN 1 AND 10000),
    audience    INTEGER NOT NULL DEFAULT 0 CHECK (audience BETWEEN 0 AND 1000000),
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
    series_id   INTEGER,
    decided_by  INTEGER REFERENCES users(id),
    decided_at  INTEGER,
    reason      TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
) {{strict}};
CREATE INDEX space_bookings_space ON space_bookings(space_id, status, starts_at);
CREATE INDEX space_bookings_user ON space_bookings(user_id, starts_at);
CREATE INDEX space_bookings_series ON space_bookings(series_id);
CREATE INDEX space_bookings_status ON space_bookings(status, id);
