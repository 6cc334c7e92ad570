-- Culture volunteering, first part: organisations and their teams (志愿服务队) in a division,
-- and volunteers' profiles. Times are milliseconds since the epoch; a birth date and a consent
-- date are 'YYYY-MM-DD'.
--
-- An organisation is a row without a parent; a team belongs to an organisation of the same
-- subtree (parent_id). Who coordinates them is a grant of the volunteer_coordinator role on
-- their division (core/authz.c: volunteers_manage), not a column here.
--
-- A volunteer is one account (user_id, unique): the real name, the birth date, skills from the
-- module's fixed list and service areas (division codes), both kept as comma-separated text
-- (",guide,usher," with the commas around, so that LIKE '%,guide,%' finds one); division is the
-- first service area, by which staff list volunteers of their subtree. A minor (under 18 on the
-- day of registration) has a guardian's consent: name, phone and date, all three or none.

CREATE TABLE volunteer_orgs (
    id          {{id}},
    parent_id   INTEGER REFERENCES volunteer_orgs(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX volunteer_orgs_division ON volunteer_orgs(division, id);
CREATE INDEX volunteer_orgs_parent ON volunteer_orgs(parent_id);

CREATE TABLE volunteers (
    id               {{id}},
    user_id          INTEGER NOT NULL UNIQUE REFERENCES users(id),
    real_name        TEXT NOT NULL,
    birth_date       TEXT NOT NULL,
    skills           TEXT NOT NULL DEFAULT ',',
    availability     TEXT NOT NULL DEFAULT '',
    areas            TEXT NOT NULL,
    division         {{code}} NOT NULL REFERENCES divisions(code),
    guardian_name    TEXT,
    guardian_phone   TEXT,
    guardian_consent TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    CHECK ((guardian_name IS NULL) = (guardian_phone IS NULL)
           AND (guardian_name IS NULL) = (guardian_consent IS NULL))
) {{strict}};
CREATE INDEX volunteers_division ON volunteers(division, id);

-- A volunteer project (志愿服务项目) of an organisation or team, in its division, published
-- through the review chain (content type "volunteer_project") like notices and courses. Its
-- shifts come later.
CREATE TABLE volunteer_projects (
    id           {{id}},
    org_id       INTEGER NOT NULL REFERENCES volunteer_orgs(id),
    division     {{code}} NOT NULL REFERENCES divisions(code),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'pending', 'published', 'rejected')),
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    published_at INTEGER
) {{strict}};
CREATE INDEX volunteer_projects_division ON volunteer_projects(division, id);
