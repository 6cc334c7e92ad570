-- The foundation: the division tree, accounts, roles, sessions, review and audit.
-- Times are milliseconds since the Unix epoch (UTC); division codes are kept in their short
-- form (2, 4, 6, 9 or 12 digits), so "inside" is a prefix test.

CREATE TABLE divisions (
    code   {{code}} PRIMARY KEY,
    name   TEXT NOT NULL,
    level  INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    parent {{code}} REFERENCES divisions(code)
) {{strict}};
CREATE INDEX divisions_parent ON divisions(parent);

CREATE TABLE division_population (
    code       {{code}} NOT NULL REFERENCES divisions(code),
    metric     TEXT NOT NULL,
    year       INTEGER NOT NULL,
    persons    INTEGER NOT NULL CHECK (persons >= 0),
    source_url TEXT NOT NULL,
    PRIMARY KEY (code, metric)
) {{strict}};

CREATE TABLE users (
    id            {{id}},
    phone         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    division      {{code}} REFERENCES divisions(code),
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) {{strict}};
CREATE INDEX users_division ON users(division);

CREATE TABLE role_grants (
    id         {{id}},
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    division   {{code}} NOT NULL REFERENCES divisions(code),
    granted_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, role, division)
) {{strict}};
CREATE INDEX role_grants_division ON role_grants(division);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip         TEXT
) {{strict}};
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE review_chains (
    content_type TEXT NOT NULL,
    division     {{code}} NOT NULL,
    levels       TEXT NOT NULL,
    PRIMARY KEY (content_type, division)
) {{strict}};

CREATE TABLE review_items (
    id           {{id}},
    content_type TEXT NOT NULL,
    content_id   INTEGER NOT NULL,
    division     {{code}} NOT NULL REFERENCES divisions(code),
    title        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'rejected')),
    level        INTEGER NOT NULL DEFAULT 0,
    levels       TEXT NOT NULL DEFAULT '',
    submitted_by INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (content_type, content_id)
) {{strict}};
CREATE INDEX review_items_status ON review_items(status, division);

CREATE TABLE audit_log (
    id          {{id}},
    at          INTEGER NOT NULL,
    actor       INTEGER REFERENCES users(id),
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    division    {{code}},
    from_state  TEXT,
    to_state    TEXT,
    reason      TEXT
) {{strict}};
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_division ON audit_log(division, at);

-- 通知公告: notices published by district and city staff, the first content that goes
-- through the review chain.
CREATE TABLE notices (
    id           {{id}},
    division     {{code}} NOT NULL REFERENCES divisions(code),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    author       INTEGER NOT NULL REFERENCES users(id),
    status       TEXT NOT NULL DEFAULT 'draft',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    published_at INTEGER
) {{strict}};
CREATE INDEX notices_division ON notices(division, status);
