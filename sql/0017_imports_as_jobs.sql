-- Member imports run as queued jobs of kind 'account_import' (sql/0015_jobs.sql): one queue,
-- one claim, one heartbeat, one housekeeping for every kind of job.
--
-- 1. A kind may resume: a job of it whose server stopped (no heartbeat) goes back to the
--    queue instead of failing, and a run taken up again starts from what the job saved as it
--    went (in result, with its progress; for an import: rows_total, rows_done, accepted,
--    rejected). resumes is set when the job is queued.
--
-- 2. A job's uploaded file waits in job_files (base64: the driver binds no blobs, and a sheet
--    saved as GBK is not text) and is deleted when the job ends.
--
-- 3. The verdict on each row of an import: import_lines, keyed by the job.
--
-- Existing imports move over with their rows. They get new ids (the ids of the jobs table
-- are taken already): an import's id becomes its old id plus the largest job id before the
-- move. params: {"dry_run": true|false}.

ALTER TABLE jobs ADD COLUMN resumes INTEGER NOT NULL DEFAULT 0 CHECK (resumes IN (0, 1));

CREATE TABLE job_files (
    job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    data   TEXT NOT NULL
) {{strict}};

CREATE TABLE import_lines (
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    line   INTEGER NOT NULL,
    ok     INTEGER NOT NULL CHECK (ok IN (0, 1)),
    phone  TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (job_id, line)
) {{strict}};

CREATE TABLE import_moves (
    import_id INTEGER PRIMARY KEY,
    job_id    INTEGER NOT NULL
);
INSERT INTO import_moves(import_id, job_id)
    SELECT id, id + (SELECT coalesce(max(id), 0) FROM jobs) FROM account_imports;

INSERT INTO jobs(id, kind, status, params, division, created_by, created_at, started_at,
                 finished_at, heartbeat_at, progress, result, error, resumes)
    SELECT m.job_id, 'account_import', i.status,
           CASE WHEN i.dry_run = 1 THEN '{"dry_run":true}' ELSE '{"dry_run":false}' END,
           NULL, i.created_by, i.created_at,
           CASE WHEN i.status = 'queued' THEN NULL ELSE i.created_at END,
           i.finished_at,
           CASE WHEN i.status = 'queued' THEN NULL ELSE i.updated_at END,
           CASE WHEN i.status = 'done' THEN 1
                WHEN i.rows_total > 0 THEN CAST(i.rows_done AS REAL) / i.rows_total
                ELSE 0 END,
           '{"rows_total":' || CAST(i.rows_total AS TEXT) || ',"rows_done":'
               || CAST(i.rows_done AS TEXT) || ',"accepted":' || CAST(i.accepted AS TEXT)
               || ',"rejected":' || CAST(i.rejected AS TEXT) || '}',
           i.error, 1
    FROM account_imports i JOIN import_moves m ON m.import_id = i.id;

INSERT INTO job_files(job_id, data)
    SELECT m.job_id, i.csv FROM account_imports i JOIN import_moves m ON m.import_id = i.id
    WHERE i.status IN ('queued', 'running');

INSERT INTO import_lines(job_id, line, ok, phone, reason)
    SELECT m.job_id, l.line, l.ok, l.phone, l.reason
    FROM account_import_lines l JOIN import_moves m ON m.import_id = l.import_id;

{{postgres}}
-- ids were given explicitly: the next one comes after them
SELECT setval(pg_get_serial_sequence('jobs', 'id'), max(id)) FROM jobs HAVING count(*) > 0;
{{end}}

DROP TABLE account_import_lines;
DROP TABLE account_imports;
DROP TABLE import_moves;
