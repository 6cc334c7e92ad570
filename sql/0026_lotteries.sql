-- The store of draws of the verifiable lottery (src/core/lottery_record.h, docs/lottery.md):
-- one row per lottery of an owner (a course term...), open -> committed -> drawn. Once
-- committed, what the commitment covers never changes (the canonical inputs, the commitment,
-- the beacon's source and round); once drawn, nothing changes (the draw file above all). The
-- store's statements change a row only WHERE status is the one they expect; the triggers below
-- refuse any other change, whoever writes.
CREATE TABLE lotteries (
    id            {{id}},
    owner_type    TEXT NOT NULL,
    owner_id      INTEGER NOT NULL,
    division      {{code}} NOT NULL REFERENCES divisions(code),
    title         TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'committed', 'drawn')),
    algorithm     TEXT NOT NULL,
    inputs        TEXT,
    commitment    TEXT,
    beacon_source TEXT,
    beacon_round  INTEGER,
    beacon_due_at INTEGER,
    committed_at  INTEGER,
    committed_by  INTEGER REFERENCES users(id),
    beacon_value  TEXT,
    seed          TEXT,
    draw_file     TEXT,
    drawn_at      INTEGER,
    drawn_by      INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    UNIQUE (owner_type, owner_id),
    CHECK (status = 'open' OR (inputs IS NOT NULL AND commitment IS NOT NULL
                               AND beacon_source IS NOT NULL AND beacon_round IS NOT NULL
                               AND beacon_due_at IS NOT NULL AND committed_at IS NOT NULL)),
    CHECK (status <> 'drawn' OR (beacon_value IS NOT NULL AND seed IS NOT NULL
                                 AND draw_file IS NOT NULL AND drawn_at IS NOT NULL))
) {{strict}};
CREATE INDEX lotteries_division ON lotteries(division, id);

{{sqlite}}
CREATE TRIGGER lotteries_committed_frozen BEFORE UPDATE ON lotteries
WHEN old.status <> 'open' AND (new.status = 'open' OR new.inputs IS NOT old.inputs
     OR new.commitment IS NOT old.commitment OR new.beacon_source IS NOT old.beacon_source
     OR new.beacon_round IS NOT old.beacon_round OR new.beacon_due_at IS NOT old.beacon_due_at
     OR new.algorithm IS NOT old.algorithm OR new.owner_type IS NOT old.owner_type
     OR new.owner_id IS NOT old.owner_id)
BEGIN
    SELECT RAISE(ABORT, 'lottery committed: its inputs and commitment never change');
END;
CREATE TRIGGER lotteries_drawn_frozen BEFORE UPDATE ON lotteries
WHEN old.status = 'drawn' AND (new.status <> 'drawn' OR new.draw_file IS NOT old.draw_file
     OR new.beacon_value IS NOT old.beacon_value OR new.seed IS NOT old.seed
     OR new.drawn_at IS NOT old.drawn_at OR new.drawn_by IS NOT old.drawn_by)
BEGIN
    SELECT RAISE(ABORT, 'lottery drawn: its draw file never changes');
END;
CREATE TRIGGER lotteries_kept BEFORE DELETE ON lotteries
WHEN old.status <> 'open'
BEGIN
    SELECT RAISE(ABORT, 'lottery committed: it is kept');
END;
{{end}}
{{postgres}}
CREATE FUNCTION lotteries_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'open' THEN
            RAISE EXCEPTION 'lottery committed: it is kept' USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'open' AND (NEW.status = 'open' OR NEW.inputs IS DISTINCT FROM OLD.inputs
       OR NEW.commitment IS DISTINCT FROM OLD.commitment
       OR NEW.beacon_source IS DISTINCT FROM OLD.beacon_source
       OR NEW.beacon_round IS DISTINCT FROM OLD.beacon_round
       OR NEW.beacon_due_at IS DISTINCT FROM OLD.beacon_due_at
       OR NEW.algorithm IS DISTINCT FROM OLD.algorithm
       OR NEW.owner_type IS DISTINCT FROM OLD.owner_type
       OR NEW.owner_id IS DISTINCT FROM OLD.owner_id) THEN
        RAISE EXCEPTION 'lottery committed: its inputs and commitment never change'
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'drawn' AND (NEW.status <> 'drawn'
       OR NEW.draw_file IS DISTINCT FROM OLD.draw_file
       OR NEW.beacon_value IS DISTINCT FROM OLD.beacon_value
       OR NEW.seed IS DISTINCT FROM OLD.seed OR NEW.drawn_at IS DISTINCT FROM OLD.drawn_at
       OR NEW.drawn_by IS DISTINCT FROM OLD.drawn_by) THEN
        RAISE EXCEPTION 'lottery drawn: its draw file never changes'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER lotteries_frozen BEFORE UPDATE OR DELETE ON lotteries
    FOR EACH ROW EXECUTE FUNCTION lotteries_frozen();
{{end}}

-- The courses module's part of a drawn term lottery (src/mod/courses/lottery_term.c,
-- docs/courses.md): each applicant's receipt, and each course's waiting list in the draw's
-- order, kept for serving when places free. Written in the drawing transaction.
CREATE TABLE course_lottery_receipts (
    application_id INTEGER PRIMARY KEY REFERENCES course_applications(id),
    lottery_id     INTEGER NOT NULL REFERENCES lotteries(id),
    ticket         TEXT NOT NULL,
    rank           INTEGER NOT NULL CHECK (rank >= 1),
    places         INTEGER NOT NULL CHECK (places >= 0)
) {{strict}};
CREATE TABLE course_waiting (
    course_id      INTEGER NOT NULL REFERENCES courses(id),
    position       INTEGER NOT NULL CHECK (position >= 1),
    application_id INTEGER NOT NULL REFERENCES course_applications(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    status         TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'served')),
    PRIMARY KEY (course_id, position),
    UNIQUE (course_id, application_id)
) {{strict}};
