-- Regional cultural linkage programmes (区域文化联动, docs/linkage.md): a programme of a division
-- with its themes and stages, its participants (divisions, across provinces), their plans
-- (approved through core review), the activities under a plan with their hosts and guests, the
-- alliances' agreements, the materials after each activity, self-evaluations, the experts'
-- scores on a rubric and the commendations. Dates are YYYY-MM-DD (China time); times are ms
-- since the epoch.
--
-- A programme: its owner division (the level that deploys it), a title, a year, a description
-- and its themes (a comma-separated list of theme words: standardisation, equalisation, ...).
-- weight_participant and weight_sessions: the shares (percent, adding up to 100) of a
-- participant's own rubric score and of the mean score of the sessions it hosted in its
-- comprehensive result.
CREATE TABLE linkage_programmes (
    id                 {{id}},
    division           {{code}} NOT NULL REFERENCES divisions(code),
    title              TEXT NOT NULL CHECK (length(title) > 0),
    year               INTEGER NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    themes             TEXT NOT NULL DEFAULT '',
    weight_participant INTEGER NOT NULL DEFAULT 70,
    weight_sessions    INTEGER NOT NULL DEFAULT 30,
    created_by         INTEGER REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    UNIQUE (division, title),
    CHECK (weight_participant >= 0 AND weight_sessions >= 0
           AND weight_participant + weight_sessions = 100)
) {{strict}};

-- The stages of a programme with their dates: deploy, plans_due, carry_out (starts_on to
-- due_on), self_evaluate, evaluate, commend. due_on is the last day of the stage.
CREATE TABLE linkage_stages (
    programme_id INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL CHECK (stage IN ('deploy', 'plans_due', 'carry_out',
                 'self_evaluate', 'evaluate', 'commend')),
    starts_on    TEXT,
    due_on       TEXT NOT NULL,
    PRIMARY KEY (programme_id, stage)
) {{strict}};

-- A participant: a division (a province, a city, a county) taking part, with its
-- self-evaluation (text and self score 0-100) once given.
CREATE TABLE linkage_participants (
    id           {{id}},
    programme_id INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    division     {{code}} NOT NULL REFERENCES divisions(code),
    self_text    TEXT,
    self_score   INTEGER CHECK (self_score IS NULL OR (self_score >= 0 AND self_score <= 100)),
    self_by      INTEGER REFERENCES users(id),
    self_at      INTEGER,
    created_at   INTEGER NOT NULL,
    UNIQUE (programme_id, division)
) {{strict}};

-- A participant's plan (one per participant), sent to review: pending, approved, rejected,
-- or draft when taken back.
CREATE TABLE linkage_plans (
    id             {{id}},
    programme_id   INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL UNIQUE REFERENCES linkage_participants(id) ON DELETE CASCADE,
    title          TEXT NOT NULL CHECK (length(title) > 0),
    content        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'pending', 'approved', 'rejected')),
    submitted_by   INTEGER REFERENCES users(id),
    submitted_at   INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) {{strict}};

-- An activity under an approved plan: its kind (exchange is a 听看评 session), theme, dates,
-- host division; its summary (the host's text after it) and when the host was last chased for
-- missing materials.
CREATE TABLE linkage_activities (
    id           {{id}},
    programme_id INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    plan_id      INTEGER NOT NULL REFERENCES linkage_plans(id),
    kind         TEXT NOT NULL CHECK (kind IN ('exchange', 'alliance', 'conference', 'lecture',
                 'exhibition', 'performance')),
    theme        TEXT NOT NULL,
    title        TEXT NOT NULL CHECK (length(title) > 0),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    host         {{code}} NOT NULL REFERENCES divisions(code),
    summary      TEXT NOT NULL DEFAULT '',
    summary_at   INTEGER,
    chased_at    INTEGER,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    CHECK (ends_on >= starts_on)
) {{strict}};
CREATE INDEX linkage_activities_programme ON linkage_activities(programme_id, id);
CREATE INDEX linkage_activities_ends ON linkage_activities(ends_on);

-- The guest divisions of an activity (across provinces).
CREATE TABLE linkage_activity_guests (
    activity_id INTEGER NOT NULL REFERENCES linkage_activities(id) ON DELETE CASCADE,
    division    {{code}} NOT NULL REFERENCES divisions(code),
    PRIMARY KEY (activity_id, division)
) {{strict}};

-- An alliance's cooperation agreement: its text, signing date and member divisions.
CREATE TABLE linkage_agreements (
    id          {{id}},
    activity_id INTEGER NOT NULL UNIQUE REFERENCES linkage_activities(id) ON DELETE CASCADE,
    text        TEXT NOT NULL CHECK (length(text) > 0),
    signed_on   TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) {{strict}};
CREATE TABLE linkage_agreement_members (
    agreement_id INTEGER NOT NULL REFERENCES linkage_agreements(id) ON DELETE CASCADE,
    division     {{code}} NOT NULL REFERENCES divisions(code),
    PRIMARY KEY (agreement_id, division)
) {{strict}};

-- The rubric of a programme: criteria with weights, for the 听看评 sessions (target session)
-- and for the participants (target participant).
CREATE TABLE linkage_criteria (
    id           {{id}},
    programme_id INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    target       TEXT NOT NULL CHECK (target IN ('session', 'participant')),
    name         TEXT NOT NULL CHECK (length(name) > 0),
    weight       INTEGER NOT NULL CHECK (weight > 0 AND weight <= 100),
    ord          INTEGER NOT NULL,
    UNIQUE (programme_id, target, name)
) {{strict}};

-- An expert's score (0-100) of a criterion for a session (subject: an activity) or a
-- participant (subject: a participant); scoring again replaces the expert's scores.
CREATE TABLE linkage_scores (
    id           {{id}},
    programme_id INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    target       TEXT NOT NULL CHECK (target IN ('session', 'participant')),
    subject_id   INTEGER NOT NULL,
    expert_id    INTEGER NOT NULL REFERENCES users(id),
    criterion_id INTEGER NOT NULL REFERENCES linkage_criteria(id) ON DELETE CASCADE,
    score        INTEGER NOT NULL CHECK (score >= 0 AND score <= 100),
    comment      TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    UNIQUE (target, subject_id, expert_id, criterion_id)
) {{strict}};
CREATE INDEX linkage_scores_programme ON linkage_scores(programme_id, target, subject_id);

-- A commendation (表扬奖励) of a participant.
CREATE TABLE linkage_commendations (
    id             {{id}},
    programme_id   INTEGER NOT NULL REFERENCES linkage_programmes(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES linkage_participants(id) ON DELETE CASCADE,
    title          TEXT NOT NULL CHECK (length(title) > 0),
    citation       TEXT NOT NULL DEFAULT '',
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL
) {{strict}};
