-- Proof of the number, login throttling that cannot be raced, member imports as jobs.
--
-- 1. An account is usable once its mobile number is proved: activated_at is when that
--    happened (or when an operator created it directly). Accounts imported without a
--    password wait with activated_at NULL until their member proves the number with a code.
--    Every account that exists now was usable, so it counts as activated when it was made.
--
-- 2. One-time codes sent by SMS: at most one live code per number and purpose, stored as a
--    hash, with its expiry and the tries spent on it. A registration's account (name,
--    password hash, division) waits on its code and becomes an account only once the code is
--    given back: no account exists before its number is proved.
--
-- 3. Rate counters: a fixed window per key (a number, an address, "all registrations"),
--    counted and read in one statement.
--
-- 4. Login throttling: one row per key (a number or an address) counted and checked in the
--    same statement that locks it, so parallel tries cannot all pass. It replaces the log of
--    login failures, whose count and check were separate steps.
--
-- 5. Member imports over HTTP run as jobs: the file waits here (base64: the driver binds no
--    blobs, and a sheet saved as GBK is not text), progress and every row's verdict are
--    written batch by batch with the accounts, so a job stopped half-way resumes where it was.

ALTER TABLE users ADD COLUMN activated_at INTEGER;
UPDATE users SET activated_at = created_at;

CREATE TABLE phone_codes (
    phone         TEXT NOT NULL,
    purpose       TEXT NOT NULL CHECK (purpose IN ('register', 'reset')),
    code_hash     TEXT NOT NULL,
    tries         INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    name          TEXT,
    password_hash TEXT,
    division      {{code}},
    PRIMARY KEY (phone, purpose)
) {{strict}};
CREATE INDEX phone_codes_expires ON phone_codes(expires_at);

CREATE TABLE rate_counters (
    key          TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL
) {{strict}};
CREATE INDEX rate_counters_window ON rate_counters(window_start);

CREATE TABLE login_throttle (
    key      TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    next_at  INTEGER NOT NULL,
    refusals INTEGER NOT NULL DEFAULT 0
) {{strict}};
CREATE INDEX login_throttle_last ON login_throttle(last_at);
DROP TABLE login_failures;

CREATE TABLE account_imports (
    id          {{id}},
    created_by  INTEGER NOT NULL REFERENCES users(id),
    dry_run     INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
    status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    csv         TEXT NOT NULL,
    rows_total  INTEGER NOT NULL DEFAULT 0,
    rows_done   INTEGER NOT NULL DEFAULT 0,
    accepted    INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    finished_at INTEGER
) {{strict}};
CREATE INDEX account_imports_status ON account_imports(status, id);

CREATE TABLE account_import_lines (
    import_id INTEGER NOT NULL REFERENCES account_imports(id) ON DELETE CASCADE,
    line      INTEGER NOT NULL,
    ok        INTEGER NOT NULL CHECK (ok IN (0, 1)),
    phone     TEXT NOT NULL,
    reason    TEXT,
    PRIMARY KEY (import_id, line)
) {{strict}};
