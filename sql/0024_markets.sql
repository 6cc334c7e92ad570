-- Culture markets (文化市集): market events with a stall plan, categories with quotas,
-- stall-holders' applications scored by a panel, the accepted and reserve lists (正取/备取),
-- the stalls assigned on the plan, and the check-in on the day. Times are milliseconds since
-- the epoch; money is in fen.
--
-- The quota of a category is kept as the seat inventory keeps capacity: market_categories
-- counts the accepted applications of the category (accepted), and an application becomes
-- accepted only by the guarded update that raises it (accepted + 1 <= quota), so promotions
-- from the reserve list cannot pass the quota whatever runs at the same time.

CREATE TABLE markets (
    id              {{id}},
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    division        {{code}} NOT NULL REFERENCES divisions(code),
    venue_id        INTEGER REFERENCES venues(id),
    address         TEXT,
    lon             REAL CHECK (lon BETWEEN -180 AND 180),
    lat             REAL CHECK (lat BETWEEN -90 AND 90),
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    apply_opens_at  INTEGER NOT NULL,
    apply_closes_at INTEGER NOT NULL,
    confirm_by      INTEGER NOT NULL,
    fee_fen         INTEGER NOT NULL DEFAULT 0 CHECK (fee_fen BETWEEN 0 AND 100000000),
    deposit_fen     INTEGER NOT NULL DEFAULT 0 CHECK (deposit_fen BETWEEN 0 AND 100000000),
    rubric          TEXT NOT NULL,
    min_reviews     INTEGER NOT NULL DEFAULT 2 CHECK (min_reviews BETWEEN 1 AND 20),
    pass_mark       INTEGER NOT NULL DEFAULT 0 CHECK (pass_mark >= 0),
    confirm_hours   INTEGER NOT NULL DEFAULT 48 CHECK (confirm_hours BETWEEN 1 AND 720),
    late_minutes    INTEGER NOT NULL DEFAULT 30 CHECK (late_minutes BETWEEN 0 AND 720),
    rule_apart      INTEGER NOT NULL DEFAULT 1 CHECK (rule_apart IN (0, 1)),
    rule_food       INTEGER NOT NULL DEFAULT 1 CHECK (rule_food IN (0, 1)),
    rule_access     INTEGER NOT NULL DEFAULT 1 CHECK (rule_access IN (0, 1)),
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'pending', 'published', 'rejected')),
    decided_at      INTEGER,
    map_published_at INTEGER,
    created_by      INTEGER REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (apply_closes_at > apply_opens_at),
    CHECK (apply_closes_at <= starts_at),
    CHECK (confirm_by >= apply_closes_at AND confirm_by <= starts_at)
) {{strict}};
CREATE INDEX markets_division ON markets(division, status, starts_at);

CREATE TABLE market_categories (
    id        {{id}},
    market_id INTEGER NOT NULL REFERENCES markets(id) ON DELETE CASCADE,
    category  TEXT NOT NULL CHECK (category IN ('cultural_creative', 'intangible_heritage',
                                                'books', 'food', 'local_produce')),
    quota     INTEGER NOT NULL CHECK (quota BETWEEN 0 AND 1000),
    accepted  INTEGER NOT NULL DEFAULT 0,
    CHECK (accepted BETWEEN 0 AND quota),
    UNIQUE (market_id, category)
) {{strict}};

CREATE TABLE market_stalls (
    id            {{id}},
    market_id     INTEGER NOT NULL REFERENCES markets(id) ON DELETE CASCADE,
    number        TEXT NOT NULL,
    row_label     TEXT NOT NULL,
    position      INTEGER NOT NULL CHECK (position BETWEEN 1 AND 1000),
    width_cm      INTEGER NOT NULL DEFAULT 300 CHECK (width_cm BETWEEN 50 AND 5000),
    depth_cm      INTEGER NOT NULL DEFAULT 300 CHECK (depth_cm BETWEEN 50 AND 5000),
    power         INTEGER NOT NULL DEFAULT 0 CHECK (power IN (0, 1)),
    water         INTEGER NOT NULL DEFAULT 0 CHECK (water IN (0, 1)),
    near_entrance INTEGER NOT NULL DEFAULT 0 CHECK (near_entrance IN (0, 1)),
    zone          TEXT NOT NULL DEFAULT '',
    UNIQUE (market_id, number),
    UNIQUE (market_id, row_label, position)
) {{strict}};

CREATE TABLE market_applications (
    id               {{id}},
    market_id        INTEGER NOT NULL REFERENCES markets(id),
    user_id          INTEGER NOT NULL REFERENCES users(id),
    pseudonym        TEXT NOT NULL UNIQUE,
    stall_name       TEXT NOT NULL,
    contact_name     TEXT NOT NULL,
    contact_phone    TEXT NOT NULL,
    category         TEXT NOT NULL CHECK (category IN ('cultural_creative', 'intangible_heritage',
                                                       'books', 'food', 'local_produce')),
    products         TEXT NOT NULL,
    licence_no       TEXT,
    needs_power      INTEGER NOT NULL DEFAULT 0 CHECK (needs_power IN (0, 1)),
    needs_water      INTEGER NOT NULL DEFAULT 0 CHECK (needs_water IN (0, 1)),
    needs_access     INTEGER NOT NULL DEFAULT 0 CHECK (needs_access IN (0, 1)),
    status           TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'submitted', 'accepted', 'confirmed', 'reserve',
                                       'declined', 'withdrawn', 'lapsed')),
    position         INTEGER,
    ranked           INTEGER,
    confirm_by       INTEGER,
    stall_id         INTEGER REFERENCES market_stalls(id),
    checked_in_at    INTEGER,
    late             INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    no_show          INTEGER NOT NULL DEFAULT 0 CHECK (no_show IN (0, 1)),
    submitted_at     INTEGER,
    decided_at       INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) {{strict}};
-- one live application per person and market (a withdrawn one may be followed by another)
CREATE UNIQUE INDEX market_applications_one ON market_applications(market_id, user_id)
    WHERE status <> 'withdrawn';
-- one stall-holder per stall
CREATE UNIQUE INDEX market_applications_stall ON market_applications(stall_id)
    WHERE stall_id IS NOT NULL;
CREATE INDEX market_applications_list ON market_applications(market_id, category, status, position);
CREATE INDEX market_applications_user ON market_applications(user_id, id);

-- A reviewer's score of an application: final once written (no statement changes it), one
-- per reviewer and application.
CREATE TABLE market_scores (
    application_id INTEGER NOT NULL REFERENCES market_applications(id),
    reviewer_id    INTEGER NOT NULL REFERENCES users(id),
    points         TEXT NOT NULL,
    total          INTEGER NOT NULL CHECK (total >= 0),
    comment        TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (application_id, reviewer_id)
) {{strict}};
CREATE INDEX market_scores_reviewer ON market_scores(reviewer_id);
