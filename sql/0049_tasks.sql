-- Plans and their task tables (任务清单分工表, docs/tasks.md): the units that carry tasks, the
-- plans, each plan's tasks with their lead and cooperating units and deadlines. Dates are
-- YYYY-MM-DD (China time); times are ms since the epoch.
--
-- A unit (单位): a bureau, centre or office of a division (市文广旅局, 米易县文广旅局 …), by its
-- name as plans write it, unique in its division.
CREATE TABLE units (
    id          {{id}},
    division    {{code}} NOT NULL REFERENCES divisions(code),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    created_at  INTEGER NOT NULL,
    UNIQUE (division, name)
) {{strict}};

-- A plan (a five-year plan, an action plan) of a division, by its title; its period in years.
CREATE TABLE plans (
    id          {{id}},
    division    {{code}} NOT NULL REFERENCES divisions(code),
    title       TEXT NOT NULL CHECK (length(title) > 0),
    year_from   INTEGER,
    year_to     INTEGER,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (division, title),
    CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from)
) {{strict}};

-- A task of a plan, in the table's order (seq). number: the table's 序号 ("3", "3.2"); section:
-- the heading it stands under; deadline: the last day it is due (NULL when ongoing or not
-- understood), deadline_text as the table wrote it; ongoing (持续) with its reporting rhythm
-- (monthly | quarterly | half_yearly | yearly | ''); source_row: the row of the imported file.
CREATE TABLE plan_tasks (
    id            {{id}},
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    number        TEXT NOT NULL DEFAULT '',
    section       TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    deadline      TEXT,
    deadline_text TEXT NOT NULL DEFAULT '',
    ongoing       INTEGER NOT NULL DEFAULT 0 CHECK (ongoing IN (0, 1)),
    rhythm        TEXT NOT NULL DEFAULT ''
                  CHECK (rhythm IN ('', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    source_row    INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (plan_id, seq)
) {{strict}};
CREATE INDEX plan_tasks_deadline ON plan_tasks(deadline);

-- The units of a task: the lead (牵头) and the cooperating (配合) ones, in the table's order.
CREATE TABLE plan_task_units (
    task_id     INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    ord         INTEGER NOT NULL,
    PRIMARY KEY (task_id, role, unit_id)
) {{strict}};
CREATE INDEX plan_task_units_unit ON plan_task_units(unit_id, task_id);
