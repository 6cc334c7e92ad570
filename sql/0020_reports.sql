-- The annual analysis report (src/mod/indicators/report.c, docs/report.md).
--
-- Each report made is recorded with the snapshot it was computed from: when, the figures
-- themselves (JSON: code, division, value, target of each) and their SHA-256, so a published
-- report can be recomputed later and compared, figure by figure. A report made from the
-- admin console keeps its files (the workbook as base64: the driver binds no blobs); one
-- written to a directory by `wenyun report` keeps only the snapshot.
CREATE TABLE annual_reports (
    id           {{id}},
    division     {{code}} NOT NULL,
    year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    computed_at  INTEGER NOT NULL,
    figures_hash TEXT NOT NULL,
    nfigures     INTEGER NOT NULL,
    figures      TEXT NOT NULL,
    xlsx         TEXT,
    html         TEXT,
    made_by      INTEGER REFERENCES users(id),
    made_at      INTEGER NOT NULL
) {{strict}};
CREATE INDEX annual_reports_division ON annual_reports(division, year, id);
