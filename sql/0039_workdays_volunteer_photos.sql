-- The working-day calendar of the core (core/workday.h): Monday to Friday are working days
-- except the dated exceptions kept here, as the State Council's yearly schedule of public
-- holidays (国务院办公厅关于部分节假日安排的通知) sets them: a public holiday on a weekday
-- (working = 0) or a make-up working day (调休上班) on a Saturday or Sunday (working = 1).
-- One row per day; the rules refuse an exception that would change nothing (a holiday on a
-- weekend, a working day on a weekday), so every row means something.
--
-- Volunteers' photos need no table of their own: they are core attachments (sql/0018) of
-- owner type 'volunteer_photo' and the volunteer's id, one per volunteer.

CREATE TABLE workday_exceptions (
    day        TEXT PRIMARY KEY CHECK (length(day) = 10),
    working    INTEGER NOT NULL CHECK (working IN (0, 1)),
    name       TEXT NOT NULL CHECK (length(name) > 0),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
) {{strict}};
