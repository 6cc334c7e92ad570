-- Queued jobs: work too long for a request (a siting run of the circle analysis), queued by a
-- request and run by a worker thread of some app server, which reports its progress and its
-- result here, so that any app server can answer "how far is job N" and show its result.
--
-- status: queued -> running -> done | failed. A worker takes the oldest queued job of a kind
-- it can run (one UPDATE guarded by status = 'queued', so two workers never take the same
-- job) and keeps heartbeat_at fresh while it runs; a running job whose heartbeat is older
-- than a few minutes belonged to a server that stopped, and is marked failed.

CREATE TABLE jobs (
    id           {{id}},
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed')),
    params       TEXT NOT NULL,            -- JSON, as the kind reads it
    division     {{code}},                 -- whose job it is (NULL: the whole city)
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    started_at   INTEGER,
    finished_at  INTEGER,
    heartbeat_at INTEGER,
    runner       TEXT,                     -- the worker that took it (host and process)
    progress     REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    stage        TEXT,
    result       TEXT,                     -- JSON, when done
    error        TEXT                      -- why, when failed
) {{strict}};
CREATE INDEX jobs_kind_status ON jobs(kind, status, id);
CREATE INDEX jobs_finished ON jobs(finished_at);
