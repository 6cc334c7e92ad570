-- Offers of places in lottery courses (src/mod/courses/offers.c, docs/courses.md): a place
-- won in a term's lottery, or offered from a course's waiting list, is held for its person
-- until a deadline; they confirm it or decline it, and one not confirmed in time lapses. The
-- place freed goes to the next on the course's waiting list.
--
-- An offer is a place (course_enrolments, status 'confirmed': it holds the course's place and
-- the person's count of the term like any place, and the unique index course_enrolments_one
-- keeps one place or offer per person and course) with a deadline: confirm_by is set while it
-- waits for its person's answer, and cleared when they confirm. One that ends unconfirmed is
-- withdrawn, and ended says how (declined, lapsed).
ALTER TABLE course_enrolments ADD COLUMN confirm_by INTEGER;
ALTER TABLE course_enrolments ADD COLUMN ended TEXT CHECK (ended IN ('declined', 'lapsed'));
CREATE INDEX course_enrolments_offers ON course_enrolments(confirm_by)
    WHERE confirm_by IS NOT NULL;

-- The waiting list of a course, served in position order: each row gets an id (the claim of
-- the seat inventory's promotion, core/seats_store.h), the offer it was served with, and a
-- third state: passed over (skipped) when its turn came and its person was no longer eligible
-- or held the term's limit already.
CREATE TABLE course_waiting_next (
    id             {{id}},
    course_id      INTEGER NOT NULL REFERENCES courses(id),
    position       INTEGER NOT NULL CHECK (position >= 1),
    application_id INTEGER NOT NULL REFERENCES course_applications(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    status         TEXT NOT NULL DEFAULT 'waiting'
                   CHECK (status IN ('waiting', 'served', 'skipped')),
    enrolment_id   INTEGER REFERENCES course_enrolments(id),
    UNIQUE (course_id, position),
    UNIQUE (course_id, application_id)
) {{strict}};
INSERT INTO course_waiting_next(course_id, position, application_id, user_id, status)
    SELECT course_id, position, application_id, user_id, status FROM course_waiting
    ORDER BY course_id, position;
DROP TABLE course_waiting;
ALTER TABLE course_waiting_next RENAME TO course_waiting;
CREATE INDEX course_waiting_user ON course_waiting(user_id, status);
