-- Ratings of any module's subjects.
--
-- A rating was of an activity (activity_id). Now it is of a subject named by its kind and id
-- ("activity" 12, "course" 3, "teacher" 5): the kinds are the modules' (registered at
-- start-up, core/rating.h), so the database lists none. division is the subject's when it was
-- rated (again): the staff who publish over it moderate the rating, and the queue is read by
-- that prefix without a join to every module's table. One rating per person and subject.
--
-- The rows there are become ratings of kind 'activity' with their activity's division.
-- SQLite rebuilds the table (it cannot drop a column with a foreign key, nor a UNIQUE);
-- PostgreSQL alters it (dropping activity_id drops its foreign key, its UNIQUE and its index).

{{sqlite}}
CREATE TABLE ratings_new (
    id           {{id}},
    subject_kind TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    division     {{code}} NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected')),
    reason       TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    decided_by   INTEGER REFERENCES users(id),
    decided_at   INTEGER
) {{strict}};
INSERT INTO ratings_new(id, subject_kind, subject_id, division, user_id, score, comment, status,
                        reason, created_at, updated_at, decided_by, decided_at)
    SELECT r.id, 'activity', r.activity_id, a.division, r.user_id, r.score, r.comment, r.status,
           r.reason, r.created_at, r.updated_at, r.decided_by, r.decided_at
    FROM ratings r JOIN activities a ON a.id = r.activity_id;
DROP TABLE ratings;
ALTER TABLE ratings_new RENAME TO ratings;
{{end}}

{{postgres}}
ALTER TABLE ratings
    ADD COLUMN subject_kind TEXT,
    ADD COLUMN subject_id   BIGINT,
    ADD COLUMN division     TEXT COLLATE "C";
UPDATE ratings r SET subject_kind = 'activity', subject_id = r.activity_id, division = a.division
    FROM activities a WHERE a.id = r.activity_id;
ALTER TABLE ratings
    ALTER COLUMN subject_kind SET NOT NULL,
    ALTER COLUMN subject_id SET NOT NULL,
    ALTER COLUMN division SET NOT NULL,
    DROP COLUMN activity_id;
-- the queue is read by division now (ratings_division below)
DROP INDEX ratings_status;
{{end}}

-- one rating per person and subject
CREATE UNIQUE INDEX ratings_one ON ratings(subject_kind, subject_id, user_id);
-- averages of approved ratings per subject, read from the index alone
CREATE INDEX ratings_subject ON ratings(subject_kind, subject_id, status, score);
-- the moderation queue of a subtree
CREATE INDEX ratings_division ON ratings(status, division, id);
