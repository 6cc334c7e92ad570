-- Assessments against standards (等级评估、评估定级, docs/assessments.md): standards with their
-- items and grade thresholds, assessments of venues against a standard's version for a year
-- (self-assessment, assessors' scores, the grade), and calls for recommendations (推荐、申报)
-- with their applications, site visits and awards. Times are ms since the epoch.
--
-- A standard: a name and a version; a new version is a new row, so an assessment made against
-- an old one keeps its items and thresholds.
CREATE TABLE standards (
    id          {{id}},
    name        TEXT NOT NULL CHECK (length(name) > 0),
    version     TEXT NOT NULL CHECK (length(version) > 0),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    total       REAL NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    UNIQUE (name, version)
) {{strict}};

-- An item of a standard, in its order (seq): its section, number, what it asks, the most
-- points it gives, the evidence it needs, and the source of wenyun's own records that
-- measures it ('' when evidence is uploaded), with the figure that earns the full points.
CREATE TABLE standard_items (
    id          {{id}},
    standard_id INTEGER NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    section     TEXT NOT NULL DEFAULT '',
    number      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL CHECK (length(title) > 0),
    max_points  REAL NOT NULL CHECK (max_points > 0),
    evidence    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    full_at     REAL NOT NULL DEFAULT 0 CHECK (full_at >= 0),
    UNIQUE (standard_id, seq)
) {{strict}};

-- The least total of each grade of a standard (special, 1, 2, 3: the venues' grades).
CREATE TABLE standard_grades (
    standard_id INTEGER NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    grade       TEXT NOT NULL CHECK (grade IN ('special', '1', '2', '3')),
    min_total   REAL NOT NULL CHECK (min_total >= 0),
    PRIMARY KEY (standard_id, grade)
) {{strict}};

-- An assessment of a venue against a standard's version for a year: draft (self-assessment),
-- submitted, reviewed (an assessor has scored it), published (the grade is on the venue).
CREATE TABLE assessments (
    id           {{id}},
    standard_id  INTEGER NOT NULL REFERENCES standards(id),
    venue_id     INTEGER NOT NULL REFERENCES venues(id),
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
    UNIQUE (venue_id, standard_id, year)
) {{strict}};
CREATE INDEX assessments_division ON assessments(division, year);

-- The self-assessment of an item: the score, a note, and the figure drawn from the item's
-- source when it has one (NULL otherwise).
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

-- An assessor's score and comment on an item (one per assessor and item).
CREATE TABLE assessment_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES standard_items(id),
    assessor_id   INTEGER NOT NULL REFERENCES users(id),
    score         REAL NOT NULL CHECK (score >= 0),
    comment       TEXT NOT NULL DEFAULT '',
    scored_at     INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, item_id, assessor_id)
) {{strict}};

-- A call for recommendations (推荐、申报) of a division: a title, a year, how many it awards,
-- the deadline of applications; open, then announced.
CREATE TABLE assessment_calls (
    id          {{id}},
    division    {{code}} NOT NULL REFERENCES divisions(code),
    title       TEXT NOT NULL CHECK (length(title) > 0),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    quota       INTEGER NOT NULL CHECK (quota >= 1),
    deadline    INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'announced')),
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    announced_at INTEGER
) {{strict}};
CREATE INDEX assessment_calls_division ON assessment_calls(division, id);

-- A venue's application to a call: recommended by a lower level or applied for, with its
-- statement; the site visit (day and assessors' names) once scheduled; awarded at the end.
CREATE TABLE call_applications (
    id          {{id}},
    call_id     INTEGER NOT NULL REFERENCES assessment_calls(id) ON DELETE CASCADE,
    venue_id    INTEGER NOT NULL REFERENCES venues(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    kind        TEXT NOT NULL CHECK (kind IN ('recommended', 'applied')),
    statement   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'applied'
                CHECK (status IN ('applied', 'visit_scheduled', 'awarded', 'not_awarded')),
    visit_on    TEXT,
    visitors    TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    UNIQUE (call_id, venue_id)
) {{strict}};
