-- Corrections of drawn lotteries (src/core/lottery_record.h, docs/lottery.md "Corrections"):
-- a drawn lottery's file never changes, so a correction is a record of its own, published
-- beside the draw. One member of staff proposes it with a reason; another applies it (nobody
-- approves their own correction), or it is cancelled. Applying runs the owner's kind in the
-- same transaction: an annulment withdraws the applicant's places of the draw and takes them
-- off the waiting lists, and the places freed go to the waiting lists in order.
--   action 'annul'    the applicant (their pseudonym in the draw file) loses what the draw gave
--                     them: an applicant found not eligible, a duplicate identity
--          'erratum'  a published statement only (applicant ''): a wrong title, a mistake in
--                     what was announced; it changes no result
-- A correction is decided once (proposed -> applied or cancelled) and never deleted: the
-- triggers below refuse anything else, whoever writes.
CREATE TABLE lottery_corrections (
    id          {{id}},
    lottery_id  INTEGER NOT NULL REFERENCES lotteries(id),
    action      TEXT NOT NULL CHECK (action IN ('annul', 'erratum')),
    applicant   TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'applied', 'cancelled')),
    proposed_by INTEGER NOT NULL REFERENCES users(id),
    proposed_at INTEGER NOT NULL,
    decided_by  INTEGER REFERENCES users(id),
    decided_at  INTEGER,
    CHECK ((action = 'annul') = (applicant <> '')),
    CHECK ((status = 'proposed') = (decided_at IS NULL))
) {{strict}};
CREATE INDEX lottery_corrections_lottery ON lottery_corrections(lottery_id, id);
-- an applicant is annulled at most once (a proposal waiting counts)
CREATE UNIQUE INDEX lottery_corrections_annul ON lottery_corrections(lottery_id, applicant)
    WHERE action = 'annul' AND status <> 'cancelled';

{{sqlite}}
CREATE TRIGGER lottery_corrections_decided BEFORE UPDATE ON lottery_corrections
WHEN old.status <> 'proposed' OR new.status = 'proposed' OR new.lottery_id IS NOT old.lottery_id
     OR new.action IS NOT old.action OR new.applicant IS NOT old.applicant
     OR new.reason IS NOT old.reason OR new.proposed_by IS NOT old.proposed_by
     OR new.proposed_at IS NOT old.proposed_at
BEGIN
    SELECT RAISE(ABORT, 'a lottery correction is decided once and never changes');
END;
CREATE TRIGGER lottery_corrections_kept BEFORE DELETE ON lottery_corrections
BEGIN
    SELECT RAISE(ABORT, 'lottery corrections are kept');
END;
{{end}}
{{postgres}}
CREATE FUNCTION lottery_corrections_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'lottery corrections are kept' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status <> 'proposed' OR NEW.status = 'proposed'
       OR NEW.lottery_id IS DISTINCT FROM OLD.lottery_id OR NEW.action IS DISTINCT FROM OLD.action
       OR NEW.applicant IS DISTINCT FROM OLD.applicant OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.proposed_by IS DISTINCT FROM OLD.proposed_by
       OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at THEN
        RAISE EXCEPTION 'a lottery correction is decided once and never changes'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER lottery_corrections_kept BEFORE UPDATE OR DELETE ON lottery_corrections
    FOR EACH ROW EXECUTE FUNCTION lottery_corrections_kept();
{{end}}
