-- Public feedback (docs/feedback.md): surveys with their questions and answers, complaints and
-- suggestions with their answers. Times are ms since the epoch.
--
-- A survey: a demand survey (what people want) or a satisfaction survey about an activity, a
-- course, a service or a venue (target_kind and target_id; venue: target_kind 'venue'). Its
-- questions are a JSON array, kept as written by staff and read with jansson
-- (src/mod/feedback/survey.c says what a question holds). anonymous: answers without an
-- account are taken, one per device.
CREATE TABLE surveys (
    id          {{id}},
    kind        TEXT NOT NULL CHECK (kind IN ('demand', 'satisfaction')),
    title       TEXT NOT NULL CHECK (length(title) > 0),
    intro       TEXT NOT NULL DEFAULT '',
    division    {{code}} NOT NULL REFERENCES divisions(code),
    target_kind TEXT NOT NULL DEFAULT ''
                CHECK (target_kind IN ('', 'activity', 'course', 'service', 'venue')),
    target_id   INTEGER,
    venue_id    INTEGER REFERENCES venues(id),
    opens_at    INTEGER NOT NULL,
    closes_at   INTEGER NOT NULL,
    anonymous   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    questions   TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    CHECK (closes_at > opens_at)
) {{strict}};
CREATE INDEX surveys_division ON surveys(division, closes_at);

-- One response per account, or per device when the survey takes anonymous answers; its
-- division and venue are those the results are grouped by.
CREATE TABLE survey_responses (
    id          {{id}},
    survey_id   INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users(id),
    device      TEXT,
    division    {{code}} REFERENCES divisions(code),
    venue_id    INTEGER REFERENCES venues(id),
    created_at  INTEGER NOT NULL,
    UNIQUE (survey_id, user_id),
    UNIQUE (survey_id, device),
    CHECK (user_id IS NOT NULL OR device IS NOT NULL)
) {{strict}};

-- An answer to a question (its index in the survey's array): a choice (one row per option
-- chosen), a rating 1 to 5, or a text.
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question    INTEGER NOT NULL CHECK (question >= 0),
    choice      INTEGER,
    rating      INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    text        TEXT
) {{strict}};
CREATE INDEX survey_answers_response ON survey_answers(response_id, question);

-- A complaint or a suggestion (意见反馈) about a division's services, routed to the staff of
-- its division (the venue's when one is named); due_at: the end of the deadline to answer.
-- contact: personal data, shown masked. public_text: the text published with the answer (the
-- filer's text unless staff redacted personal details). escalated_at: when the level above was
-- told it is overdue (once).
CREATE TABLE complaints (
    id           {{id}},
    kind         TEXT NOT NULL CHECK (kind IN ('complaint', 'suggestion')),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    division     {{code}} NOT NULL REFERENCES divisions(code),
    venue_id     INTEGER REFERENCES venues(id),
    activity_id  INTEGER REFERENCES activities(id),
    contact      TEXT,
    user_id      INTEGER REFERENCES users(id),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'answered')),
    due_at       INTEGER NOT NULL,
    answer       TEXT,
    public_text  TEXT,
    answered_by  INTEGER REFERENCES users(id),
    answered_at  INTEGER,
    escalated_at INTEGER,
    created_at   INTEGER NOT NULL,
    CHECK (status = 'pending' OR (answer IS NOT NULL AND answered_at IS NOT NULL))
) {{strict}};
CREATE INDEX complaints_division ON complaints(division, created_at);
CREATE INDEX complaints_due ON complaints(status, due_at);
