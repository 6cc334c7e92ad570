-- Culture volunteering, posts at venues (阵地资源管理), pairings of teams with venues (驻堂/结对)
-- and the accident insurance of projects (docs/volunteers.md, "Posts, pairings and insurance").
-- Times are milliseconds since the epoch; dates are YYYY-MM-DD.
--
-- A post is a standing need of a venue (a guide, a library helper, an usher): it lies in the
-- venue's division; open until closed.
CREATE TABLE volunteer_posts (
    id          {{id}},
    venue_id    INTEGER NOT NULL REFERENCES venues(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    title       TEXT NOT NULL,
    skills      TEXT NOT NULL DEFAULT ',',
    description TEXT NOT NULL DEFAULT '',
    wanted      INTEGER NOT NULL CHECK (wanted BETWEEN 1 AND 100),
    schedule    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX volunteer_posts_division ON volunteer_posts(division, status, id);
CREATE INDEX volunteer_posts_venue ON volunteer_posts(venue_id, status, id);

-- A volunteer's offer to take a post: pending until a coordinator over the venue's division
-- (never the applicant) accepts or declines it; the volunteer may withdraw it while pending.
-- One live (pending or accepted) application per volunteer and post.
CREATE TABLE volunteer_post_applications (
    id           {{id}},
    post_id      INTEGER NOT NULL REFERENCES volunteer_posts(id),
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    note         TEXT NOT NULL DEFAULT '',
    decided_by   INTEGER REFERENCES users(id),
    decided_at   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) {{strict}};
CREATE UNIQUE INDEX volunteer_post_applications_one ON volunteer_post_applications(post_id,
    volunteer_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX volunteer_post_applications_post ON volunteer_post_applications(post_id, status, id);
CREATE INDEX volunteer_post_applications_user ON volunteer_post_applications(user_id, id);

-- A team or organisation paired with a venue (驻堂/结对) from a date, until a date when ended.
CREATE TABLE volunteer_pairings (
    id          {{id}},
    org_id      INTEGER NOT NULL REFERENCES volunteer_orgs(id),
    venue_id    INTEGER NOT NULL REFERENCES venues(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
) {{strict}};
CREATE INDEX volunteer_pairings_venue ON volunteer_pairings(venue_id, id);
CREATE INDEX volunteer_pairings_org ON volunteer_pairings(org_id, id);

-- The accident insurance the organiser of a project provides: one record a project, replaced
-- when recorded again. The policy number is shown to coordinators only.
CREATE TABLE volunteer_project_insurance (
    project_id  INTEGER PRIMARY KEY REFERENCES volunteer_projects(id),
    insurer     TEXT NOT NULL,
    policy_no   TEXT NOT NULL,
    cover_from  TEXT NOT NULL,
    cover_to    TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users(id),
    updated_at  INTEGER NOT NULL,
    CHECK (cover_to >= cover_from)
) {{strict}};
