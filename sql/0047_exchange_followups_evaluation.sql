-- The exchange module's follow-ups, evaluation and lessons learned (docs/exchange.md), and the
-- full-text index of the public query of exchange activities.
--
-- A follow-up: what should follow an exchange activity or an agreement (an agreement, a return
-- visit, a tourism product, an investment, a joint production, something else), with a partner
-- (the agreement's, or one of the activity's), an owner (a unit or a person's name, shown to
-- staff only), a due date, a status and, once done, its outcome and the date of it. origin_on
-- is the date the conversion time counts from: the activity's last day or the agreement's
-- signing date.
CREATE TABLE exchange_followups (
    id           {{id}},
    division     {{code}} NOT NULL REFERENCES divisions(code),
    activity_id  INTEGER REFERENCES exchange_activities(id),
    agreement_id INTEGER REFERENCES exchange_agreements(id),
    partner_id   INTEGER NOT NULL REFERENCES exchange_partners(id),
    kind         TEXT NOT NULL CHECK (kind IN ('agreement', 'return_visit', 'tourism_product',
                 'investment', 'joint_production', 'other')),
    title        TEXT NOT NULL,
    owner        TEXT NOT NULL DEFAULT '',
    origin_on    TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    outcome      TEXT NOT NULL DEFAULT '',
    outcome_on   TEXT,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK ((activity_id IS NULL) <> (agreement_id IS NULL)),
    CHECK (status <> 'done' OR outcome_on IS NOT NULL),
    CHECK (outcome_on IS NULL OR outcome_on >= origin_on)
) {{strict}};
CREATE INDEX exchange_followups_division ON exchange_followups(division, id);
CREATE INDEX exchange_followups_partner ON exchange_followups(partner_id, status, due_on);
CREATE INDEX exchange_followups_activity ON exchange_followups(activity_id);
CREATE INDEX exchange_followups_agreement ON exchange_followups(agreement_id);

-- The rubric of a division (the city's, or a county's of its own): criteria with weights.
-- An activity is scored against the rubric of the nearest division above or at its own.
CREATE TABLE exchange_criteria (
    id         {{id}},
    division   {{code}} NOT NULL REFERENCES divisions(code),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    weight     INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    seq        INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (division, code)
) {{strict}};

-- One score set per reviewer and activity: a score (0-100) per criterion, replaced as a whole
-- until the activity's evaluation is closed.
CREATE TABLE exchange_scores (
    activity_id  INTEGER NOT NULL REFERENCES exchange_activities(id),
    reviewer_id  INTEGER NOT NULL REFERENCES users(id),
    criterion_id INTEGER NOT NULL REFERENCES exchange_criteria(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (activity_id, reviewer_id, criterion_id)
) {{strict}};
CREATE INDEX exchange_scores_criterion ON exchange_scores(criterion_id);

-- A closed evaluation: its scores no longer change.
CREATE TABLE exchange_evaluations (
    activity_id INTEGER PRIMARY KEY REFERENCES exchange_activities(id),
    closed_by   INTEGER REFERENCES users(id),
    closed_at   INTEGER NOT NULL
) {{strict}};

-- Indicators of an activity or a partnership: baseline, target and actual per period (YYYY,
-- YYYY-Qn or YYYY-MM); actual NULL until known.
CREATE TABLE exchange_measures (
    id         {{id}},
    division   {{code}} NOT NULL REFERENCES divisions(code),
    subject    TEXT NOT NULL CHECK (subject IN ('activity', 'partner')),
    subject_id INTEGER NOT NULL,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    period     TEXT NOT NULL,
    baseline   REAL NOT NULL,
    target     REAL NOT NULL,
    actual     REAL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (subject, subject_id, name, period)
) {{strict}};

-- Lessons learned (先进文化经验): what to borrow, tied to an activity and/or a partner; tags
-- are ",tag,tag,".
CREATE TABLE exchange_lessons (
    id          {{id}},
    division    {{code}} NOT NULL REFERENCES divisions(code),
    activity_id INTEGER REFERENCES exchange_activities(id),
    partner_id  INTEGER REFERENCES exchange_partners(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    tags        TEXT NOT NULL DEFAULT ',',
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_lessons_division ON exchange_lessons(division, id);

-- Chinese full text, as the activities' search does (sql/0007_search.sql): character
-- trigrams. SQLite: FTS5 trigram tables kept in step by triggers (rowid = the record's id);
-- PostgreSQL: pg_trgm GIN indexes on the same text, queried with ILIKE. Queries of fewer than
-- three characters scan.
{{sqlite}}
CREATE VIRTUAL TABLE exchange_lessons_fts USING fts5(title, body, tokenize = 'trigram');
CREATE TRIGGER exchange_lessons_fts_insert AFTER INSERT ON exchange_lessons BEGIN
    INSERT INTO exchange_lessons_fts(rowid, title, body)
    VALUES (new.id, new.title, new.body || ' ' || new.tags);
END;
CREATE TRIGGER exchange_lessons_fts_update AFTER UPDATE OF title, body, tags ON exchange_lessons
BEGIN
    DELETE FROM exchange_lessons_fts WHERE rowid = old.id;
    INSERT INTO exchange_lessons_fts(rowid, title, body)
    VALUES (new.id, new.title, new.body || ' ' || new.tags);
END;
CREATE TRIGGER exchange_lessons_fts_delete AFTER DELETE ON exchange_lessons BEGIN
    DELETE FROM exchange_lessons_fts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE exchange_activities_fts USING fts5(title, body, tokenize = 'trigram');
CREATE TRIGGER exchange_activities_fts_insert AFTER INSERT ON exchange_activities BEGIN
    INSERT INTO exchange_activities_fts(rowid, title, body)
    VALUES (new.id, new.title || ' ' || new.title_en, new.summary || ' ' || new.summary_en);
END;
CREATE TRIGGER exchange_activities_fts_update AFTER UPDATE OF title, title_en, summary, summary_en
    ON exchange_activities BEGIN
    DELETE FROM exchange_activities_fts WHERE rowid = old.id;
    INSERT INTO exchange_activities_fts(rowid, title, body)
    VALUES (new.id, new.title || ' ' || new.title_en, new.summary || ' ' || new.summary_en);
END;
CREATE TRIGGER exchange_activities_fts_delete AFTER DELETE ON exchange_activities BEGIN
    DELETE FROM exchange_activities_fts WHERE rowid = old.id;
END;
INSERT INTO exchange_activities_fts(rowid, title, body)
SELECT id, title || ' ' || title_en, summary || ' ' || summary_en FROM exchange_activities;
{{end}}

{{postgres}}
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- the expressions are the store's, character for character (the planner matches them)
CREATE INDEX exchange_lessons_text_trgm ON exchange_lessons USING gin
    ((title || ' ' || body || ' ' || tags) gin_trgm_ops);
CREATE INDEX exchange_activities_text_trgm ON exchange_activities USING gin
    ((title || ' ' || title_en || ' ' || summary || ' ' || summary_en) gin_trgm_ops);
{{end}}

-- The mean conversion time, computed from the follow-ups (src/mod/exchange/module.c).
INSERT INTO indicator_defs(code, name_zh, name_en, unit, definition, attribute, levels,
                           period_kind, source, measure, plans, public, flag, sort) VALUES
('exchange.conversion_days', '交流成果平均转化周期', 'Mean conversion time of exchanges', 'days',
 'Mean days from the exchange (the activity''s last day, the agreement''s signing) to the outcome, over the follow-ups of the subtree done with an outcome dated in the period.',
 NULL, 'city,county', 'year', 'computed', 'flow', 'yuxi', 1, NULL, 495);
