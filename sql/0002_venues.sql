-- 文化阵地: public cultural venues and new public cultural spaces, their weekly opening
-- hours (with off-peak / extended hours, 错时延时开放) and dated exceptions.
-- Coordinates are WGS84 degrees; opening times are minutes after local midnight.

CREATE TABLE venues (
    id          {{id}},
    external_id TEXT UNIQUE,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    division    {{code}} NOT NULL REFERENCES divisions(code),
    address     TEXT,
    lon         REAL CHECK (lon BETWEEN -180 AND 180),
    lat         REAL CHECK (lat BETWEEN -90 AND 90),
    area_m2     REAL CHECK (area_m2 >= 0),
    branch_of   INTEGER REFERENCES venues(id),
    grade       TEXT CHECK (grade IN ('special', '1', '2', '3')),
    grade_year  INTEGER,
    awards      TEXT,
    contact     TEXT,
    photos      TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'planned')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX venues_division ON venues(division);
CREATE INDEX venues_category ON venues(category, division);
CREATE INDEX venues_lonlat ON venues(lon, lat);

CREATE TABLE venue_hours (
    venue_id INTEGER NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens    INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
    closes   INTEGER NOT NULL CHECK (closes BETWEEN 1 AND 1440),
    extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
    PRIMARY KEY (venue_id, weekday, opens)
) {{strict}};

CREATE TABLE venue_closures (
    venue_id INTEGER NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    day      TEXT NOT NULL,
    opens    INTEGER,
    closes   INTEGER,
    note     TEXT,
    PRIMARY KEY (venue_id, day)
) {{strict}};
