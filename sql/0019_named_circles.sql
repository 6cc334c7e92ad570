-- Named circles (命名的文化生活圈): a community, a town or an area a planner designates and checks
-- against a circle rule ("count:4": at least 4 venues within the walk) with the circle
-- analysis; the indicator circles.quality_circles counts those that pass. The area is a
-- division's boundary (division_shapes) or a drawn polygon (geojson); the check walks from its
-- centre (given, or the centroid of the outline) and counts the venues inside the area.
-- Also an index the computed indicators need (docs/indicators-computed.md).

CREATE TABLE named_circles (
    id          {{id}},
    name        TEXT NOT NULL,
    division    {{code}} NOT NULL REFERENCES divisions(code),
    kind        TEXT NOT NULL CHECK (kind IN ('division', 'area')),
    geojson     TEXT,
    rule        TEXT NOT NULL,
    minutes     REAL NOT NULL CHECK (minutes > 0),
    lon         REAL CHECK (lon BETWEEN -180 AND 180),
    lat         REAL CHECK (lat BETWEEN -90 AND 90),
    passed      INTEGER CHECK (passed IN (0, 1)),
    reached     INTEGER,
    mode        TEXT,
    checked_at  INTEGER,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (kind = 'division' OR geojson IS NOT NULL)
) {{strict}};
-- the indicator: the passing circles of a subtree
CREATE INDEX named_circles_division ON named_circles(division, passed);

-- activities.people_served (src/mod/activities/store_indicators.c): the checked-in bookings by
-- the time of their check-in, so that a city-year reads its own rows, not every booking
CREATE INDEX bookings_checked_in ON bookings(checked_in_at) WHERE status = 'checked_in';
