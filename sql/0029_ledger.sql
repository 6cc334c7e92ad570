-- The ledgers' journal (src/core/ledger.h, docs/ledger.md): append-only, one hash chain per
-- book ("hours", "points"). Every entry moves amount (> 0, in the book's smallest unit) from
-- the debit account to the credit account; hash is SHA-256 over the entry's canonical form
-- with prev_hash, the hash of the entry before it in the book (seq - 1). A correction or a
-- reversal is a new entry (reverses names the reversed one, once). The triggers below refuse
-- any UPDATE or DELETE, whoever writes.
CREATE TABLE ledger_entries (
    id          {{id}},
    book        {{code}} NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    debit       TEXT NOT NULL,
    credit      TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    kind        TEXT NOT NULL,
    ref_type    TEXT NOT NULL DEFAULT '',
    ref_id      INTEGER NOT NULL DEFAULT 0,
    reverses    INTEGER UNIQUE REFERENCES ledger_entries(id),
    unit        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    UNIQUE (book, seq),
    CHECK (debit <> credit)
) {{strict}};
-- an account's statement, newest first
CREATE INDEX ledger_entries_debit ON ledger_entries(book, debit, seq);
CREATE INDEX ledger_entries_credit ON ledger_entries(book, credit, seq);
-- what an entry is about (verified hours of a shift, a redemption...)
CREATE INDEX ledger_entries_ref ON ledger_entries(ref_type, ref_id);

-- The head of each book's chain: the last entry's seq and hash. Appending locks this row
-- first (INSERT ... ON CONFLICT DO UPDATE ... RETURNING: PostgreSQL's row lock, SQLite's
-- write transaction), so appends to one book are serialised and prev_hash is the true last.
CREATE TABLE ledger_books (
    book {{code}} PRIMARY KEY,
    seq  INTEGER NOT NULL CHECK (seq >= 0),
    head TEXT NOT NULL
) {{strict}};

-- Each account's balance, kept in the appending transaction by guarded updates: an account
-- that may not go negative (people) is debited only WHERE its balance covers the amount.
-- System accounts (the issuer...) are opened with negative_ok = 1.
CREATE TABLE ledger_balances (
    book        {{code}} NOT NULL,
    account     {{code}} NOT NULL,
    balance     INTEGER NOT NULL DEFAULT 0,
    negative_ok INTEGER NOT NULL DEFAULT 0 CHECK (negative_ok IN (0, 1)),
    PRIMARY KEY (book, account),
    CHECK (negative_ok = 1 OR balance >= 0)
) {{strict}};

{{sqlite}}
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
{{end}}
{{postgres}}
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
-- TRUNCATE skips row triggers
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
{{end}}
