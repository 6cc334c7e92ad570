-- Certificates with a verification code (src/core/certificate.c, docs/certificates.md): one
-- mechanism for every module that certifies something — the completion of a course now, a
-- volunteer's service record and an award later.
--
-- A certificate has a readable number (PREFIX-YEAR-SEQUENCE, unique) and a verification code
-- (16 characters of Crockford's base32 from 80 random bits, unique) that anyone may check on
-- the public page. What it certifies is its kind and subject (the course), a title, a body
-- and facts as issued; its holder is an account (or, for people without one, only a name);
-- the issuing organisation and the division it belongs to; the day of issue. Nothing is
-- deleted: a revocation keeps the row, with who, when and why.

-- The last sequence number given for a prefix in a year. The issuing transaction locks the
-- row first (an upsert that changes nothing), so concurrent issuers on any app server are
-- served one after the other and the numbers of a year are 1, 2, 3 ... without a gap.
CREATE TABLE certificate_counters (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    last   INTEGER NOT NULL CHECK (last >= 0),
    PRIMARY KEY (prefix, year)
) {{strict}};

CREATE TABLE certificates (
    id            {{id}},
    number        TEXT NOT NULL UNIQUE,
    code          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    subject_id    INTEGER NOT NULL,
    holder_id     INTEGER REFERENCES users(id),
    holder_name   TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    facts         TEXT NOT NULL DEFAULT '[]',
    issuer        TEXT NOT NULL,
    division      {{code}} NOT NULL REFERENCES divisions(code),
    issued_on     TEXT NOT NULL,
    issued_at     INTEGER NOT NULL,
    issued_by     INTEGER REFERENCES users(id),
    status        TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
    revoked_at    INTEGER,
    revoked_by    INTEGER REFERENCES users(id),
    revoke_reason TEXT,
    CHECK (status = 'valid' OR (revoked_at IS NOT NULL AND revoke_reason IS NOT NULL))
) {{strict}};
-- one valid certificate of a kind per subject and holder (a revoked one may be issued again)
CREATE UNIQUE INDEX certificates_one ON certificates(kind, subject_id, holder_id)
    WHERE status = 'valid' AND holder_id IS NOT NULL;
CREATE INDEX certificates_holder ON certificates(holder_id, id);
CREATE INDEX certificates_subject ON certificates(kind, subject_id, id);
CREATE INDEX certificates_division ON certificates(division, id);
