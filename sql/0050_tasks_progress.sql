-- The progress of plans' tasks (docs/tasks.md, "Progress"): the staff who report for a unit,
-- the history of a task's status, the lead unit's reports and the cooperating units'
-- contributions, the indicators a task should move, and what the deadlines job has told whom
-- (so that it tells nobody twice). Times are ms since the epoch; dates YYYY-MM-DD (China time).
--
-- A member of a unit: a staff account that reports for it.
CREATE TABLE unit_members (
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    added_by    INTEGER REFERENCES users(id),
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (unit_id, user_id)
) {{strict}};
CREATE INDEX unit_members_user ON unit_members(user_id, unit_id);

-- A task escalated to its plan's managers when overdue: when, and for which deadline (a new
-- deadline may be escalated again, the same one never twice).
ALTER TABLE plan_tasks ADD COLUMN escalated_at INTEGER;
ALTER TABLE plan_tasks ADD COLUMN escalated_deadline TEXT;

-- Every change of a task's status, by whom, with its note.
CREATE TABLE plan_task_status_changes (
    id          {{id}},
    task_id     INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL
                CHECK (to_status IN ('open', 'in_progress', 'done', 'cancelled')),
    note        TEXT NOT NULL DEFAULT '',
    changed_by  INTEGER REFERENCES users(id),
    changed_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX plan_task_status_changes_task ON plan_task_status_changes(task_id, id);

-- A progress report of the lead unit for a period of the task ("2026", "2026-H1", "2026-Q1",
-- "2026-03"): what was done, how far (percent), and the status it proposes ('' none).
CREATE TABLE task_reports (
    id              {{id}},
    task_id         INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    period          TEXT NOT NULL,
    body            TEXT NOT NULL CHECK (length(body) > 0),
    percent         INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    proposed_status TEXT NOT NULL DEFAULT ''
                    CHECK (proposed_status IN ('', 'open', 'in_progress', 'done', 'cancelled')),
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL
) {{strict}};
CREATE INDEX task_reports_task ON task_reports(task_id, period, id);

-- A cooperating unit's contribution to the task's period.
CREATE TABLE task_contributions (
    id          {{id}},
    task_id     INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    period      TEXT NOT NULL,
    body        TEXT NOT NULL CHECK (length(body) > 0),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX task_contributions_task ON task_contributions(task_id, period, id);

-- The indicators (their catalogue's codes) a task should move.
CREATE TABLE task_indicators (
    task_id     INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    added_by    INTEGER REFERENCES users(id),
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (task_id, code)
) {{strict}};

-- What the deadlines job has told about a task: kind (warning | escalation | lagging) and its
-- about (the deadline; for lagging the indicator and the month), once each.
CREATE TABLE task_notices (
    task_id     INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('warning', 'escalation', 'lagging')),
    about       TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (task_id, kind, about)
) {{strict}};
