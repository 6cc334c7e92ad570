-- Culture volunteering, second part: the shifts of a project, volunteers' sign-ups to them, and
-- the records of service hours (docs/volunteers.md). Times are milliseconds since the epoch.
--
-- A shift (volunteer_shifts) is a pool of the seat inventory (core/seats.h): capacity places,
-- taken counting the live sign-ups that hold one (confirmed, checked in), changed only by the
-- guarded update `taken = taken + n WHERE taken + n <= capacity`. It lies in its project's
-- division. check_code is the secret behind the QR shown at the place: scanning it inside the
-- shift's time window checks a volunteer in or out.
CREATE TABLE volunteer_shifts (
    id          {{id}},
    project_id  INTEGER NOT NULL REFERENCES volunteer_projects(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    title       TEXT NOT NULL DEFAULT '',
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    place       TEXT NOT NULL,
    venue_id    INTEGER REFERENCES venues(id),
    capacity    INTEGER NOT NULL CHECK (capacity >= 1),
    taken       INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
    skills      TEXT NOT NULL DEFAULT ',',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
    check_code  TEXT NOT NULL UNIQUE,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
) {{strict}};
CREATE INDEX volunteer_shifts_project ON volunteer_shifts(project_id, starts_at);
CREATE INDEX volunteer_shifts_division ON volunteer_shifts(division, starts_at);

-- A volunteer's sign-up to a shift (the seat inventory's claim). Live while confirmed,
-- waitlisted or checked_in; one live sign-up per volunteer and shift (the partial unique index).
-- Waitlisted sign-ups are served in position order (seats_promote). After the shift a sign-up
-- that was checked in and out is completed; one never checked in may be marked no_show.
-- invited_by: the coordinator who invited the volunteer (指挥调度), when it came from an
-- invitation.
CREATE TABLE volunteer_signups (
    id             {{id}},
    shift_id       INTEGER NOT NULL REFERENCES volunteer_shifts(id),
    volunteer_id   INTEGER NOT NULL REFERENCES volunteers(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    status         TEXT NOT NULL CHECK (status IN ('invited', 'confirmed', 'waitlisted',
                                                   'checked_in', 'completed', 'cancelled',
                                                   'no_show')),
    position       INTEGER,
    invited_by     INTEGER REFERENCES users(id),
    checked_in_at  INTEGER,
    checked_in_by  INTEGER REFERENCES users(id),
    checked_out_at INTEGER,
    checked_out_by INTEGER REFERENCES users(id),
    idem_key       TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) {{strict}};
CREATE UNIQUE INDEX volunteer_signups_one ON volunteer_signups(shift_id, volunteer_id)
    WHERE status IN ('invited', 'confirmed', 'waitlisted', 'checked_in');
CREATE INDEX volunteer_signups_shift ON volunteer_signups(shift_id, status, position);
CREATE INDEX volunteer_signups_user ON volunteer_signups(user_id, id);
CREATE UNIQUE INDEX volunteer_signups_idem ON volunteer_signups(user_id, idem_key)
    WHERE idem_key IS NOT NULL;

-- A record of service hours (谁组织谁记录、谁记录谁证明): minutes of actual service of a
-- volunteer, certified by the organisation (org_id) that organised it.
--   source 'checkin'    from a shift's check-in and check-out (signup_id), verified at once;
--          'reported'   reported by the volunteer afterwards, pending the organiser's check;
--          'correction' a correction or a dispute of an earlier record (corrects): minutes is
--                       the change, negative to take minutes away; pending until decided.
-- A record is decided once: pending becomes verified or rejected, and a decided record never
-- changes again (the triggers). A verified record is posted to the hours ledger (core/ledger.h,
-- book "hours": from "org:<org_id>" to "u:<user_id>", or back for a negative correction;
-- ledger_entry_id names the entry) in the same transaction. Who verifies is never who reported.
CREATE TABLE volunteer_hours (
    id              {{id}},
    volunteer_id    INTEGER NOT NULL REFERENCES volunteers(id),
    user_id         INTEGER NOT NULL REFERENCES users(id),
    org_id          INTEGER NOT NULL REFERENCES volunteer_orgs(id),
    project_id      INTEGER REFERENCES volunteer_projects(id),
    shift_id        INTEGER REFERENCES volunteer_shifts(id),
    signup_id       INTEGER UNIQUE REFERENCES volunteer_signups(id),
    source          TEXT NOT NULL CHECK (source IN ('checkin', 'reported', 'correction')),
    corrects        INTEGER REFERENCES volunteer_hours(id),
    started_at      INTEGER,
    ended_at        INTEGER,
    minutes         INTEGER NOT NULL CHECK (minutes <> 0),
    note            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'verified', 'rejected')),
    reported_by     INTEGER REFERENCES users(id),
    verified_by     INTEGER REFERENCES users(id),
    decided_at      INTEGER,
    decision_note   TEXT NOT NULL DEFAULT '',
    ledger_entry_id INTEGER REFERENCES ledger_entries(id),
    created_at      INTEGER NOT NULL,
    CHECK ((source = 'correction') = (corrects IS NOT NULL)),
    CHECK (source = 'correction' OR minutes > 0),
    CHECK (status <> 'verified' OR ledger_entry_id IS NOT NULL)
) {{strict}};
CREATE INDEX volunteer_hours_user ON volunteer_hours(user_id, id);
CREATE INDEX volunteer_hours_org ON volunteer_hours(org_id, status, id);
CREATE INDEX volunteer_hours_corrects ON volunteer_hours(corrects);

{{sqlite}}
CREATE TRIGGER volunteer_hours_decided BEFORE UPDATE ON volunteer_hours
    WHEN OLD.status <> 'pending'
BEGIN
    SELECT RAISE(ABORT, 'a decided hours record never changes');
END;
CREATE TRIGGER volunteer_hours_kept BEFORE DELETE ON volunteer_hours
BEGIN
    SELECT RAISE(ABORT, 'hours records are never deleted');
END;
{{end}}
{{postgres}}
CREATE FUNCTION volunteer_hours_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'hours records are never deleted' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'a decided hours record never changes' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER volunteer_hours_kept BEFORE UPDATE OR DELETE ON volunteer_hours
    FOR EACH ROW EXECUTE FUNCTION volunteer_hours_kept();
{{end}}
