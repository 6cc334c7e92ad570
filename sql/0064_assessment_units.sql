-- Assessments of units (docs/assessments.md): an assessment is of a venue or of a unit (the
-- tasks module's units: a bureau, a centre, an office), exactly one of venue_id and unit_id.
-- A unit's assessment has the unit's division; its grade stays on the assessment (a unit has
-- no record of grades).
--
-- SQLite rebuilds the table (it cannot drop NOT NULL nor add a CHECK). The foreign keys are
-- on during a migration, and dropping a table deletes its rows first, which would cascade to
-- the items and scores: they are kept aside, their tables dropped and made again as 0054 made
-- them. PostgreSQL alters the table.

{{sqlite}}
CREATE TABLE assessments_new (
    id           {{id}},
    standard_id  INTEGER NOT NULL REFERENCES standards(id),
    venue_id     INTEGER REFERENCES venues(id),
    unit_id      INTEGER REFERENCES units(id),
    division     {{code}} NOT NULL REFERENCES divisions(code),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'submitted', 'reviewed', 'published')),
    self_total   REAL NOT NULL DEFAULT 0,
    review_total REAL,
    grade        TEXT CHECK (grade IN ('special', '1', '2', '3')),
    created_by   INTEGER REFERENCES users(id),
    submitted_by INTEGER REFERENCES users(id),
    submitted_at INTEGER,
    published_by INTEGER REFERENCES users(id),
    published_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CONSTRAINT assessments_subject CHECK ((venue_id IS NULL) <> (unit_id IS NULL)),
    UNIQUE (venue_id, standard_id, year)
) {{strict}};
INSERT INTO assessments_new(id, standard_id, venue_id, division, year, status, self_total,
                            review_total, grade, created_by, submitted_by, submitted_at,
                            published_by, published_at, created_at, updated_at)
    SELECT id, standard_id, venue_id, division, year, status, self_total, review_total, grade,
           created_by, submitted_by, submitted_at, published_by, published_at, created_at,
           updated_at
    FROM assessments;
CREATE TABLE assessment_items_kept AS SELECT * FROM assessment_items;
CREATE TABLE assessment_scores_kept AS SELECT * FROM assessment_scores;
DROP TABLE assessment_scores;
DROP TABLE assessment_items;
DROP TABLE assessments;
ALTER TABLE assessments_new RENAME TO assessments;
CREATE INDEX assessments_division ON assessments(division, year);

CREATE TABLE assessment_items (
    id            {{id}},
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES standard_items(id),
    self_score    REAL,
    note          TEXT NOT NULL DEFAULT '',
    drawn         REAL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (assessment_id, item_id)
) {{strict}};
INSERT INTO assessment_items(id, assessment_id, item_id, self_score, note, drawn, updated_at)
    SELECT id, assessment_id, item_id, self_score, note, drawn, updated_at
    FROM assessment_items_kept;
DROP TABLE assessment_items_kept;

CREATE TABLE assessment_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES standard_items(id),
    assessor_id   INTEGER NOT NULL REFERENCES users(id),
    score         REAL NOT NULL CHECK (score >= 0),
    comment       TEXT NOT NULL DEFAULT '',
    scored_at     INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, item_id, assessor_id)
) {{strict}};
INSERT INTO assessment_scores(assessment_id, item_id, assessor_id, score, comment, scored_at)
    SELECT assessment_id, item_id, assessor_id, score, comment, scored_at
    FROM assessment_scores_kept;
DROP TABLE assessment_scores_kept;
{{end}}

{{postgres}}
ALTER TABLE assessments
    ALTER COLUMN venue_id DROP NOT NULL,
    ADD COLUMN unit_id INTEGER REFERENCES units(id),
    ADD CONSTRAINT assessments_subject CHECK ((venue_id IS NULL) <> (unit_id IS NULL));
{{end}}

-- one assessment of a unit against a standard for a year
CREATE UNIQUE INDEX assessments_unit_one ON assessments(unit_id, standard_id, year);
