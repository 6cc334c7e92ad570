-- Timed entry (参观预约) for venues such as museums: daily entry slots with a capacity each,
-- bookable a set number of days ahead from a set time of day. The slots are ordinary
-- sessions of one published activity of the venue (category 'timed_entry'), so every
-- booking rule applies to them unchanged; this table holds how they are generated.
CREATE TABLE venue_timed_entry (
    venue_id        INTEGER PRIMARY KEY REFERENCES venues(id),
    activity_id     INTEGER NOT NULL REFERENCES activities(id),
    -- the daily slots, local time, as JSON: [["09:00","10:30"],["10:30","12:00"]]
    slots           TEXT NOT NULL,
    capacity        INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    days_ahead      INTEGER NOT NULL CHECK (days_ahead BETWEEN 0 AND 60),
    -- booking for day D opens on day D - days_ahead at this minute of the day (local time)
    opens_at_minute INTEGER NOT NULL CHECK (opens_at_minute BETWEEN 0 AND 1439),
    max_companions  INTEGER NOT NULL DEFAULT 0 CHECK (max_companions BETWEEN 0 AND 10),
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    -- the local day (YYYY-MM-DD) the sessions were last generated on; NULL: generate again
    generated_for   TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) {{strict}};
CREATE INDEX venue_timed_entry_activity ON venue_timed_entry(activity_id);
