-- Culture volunteering: star levels (星级认定) and the module's computed indicators
-- (docs/volunteers.md, "Star levels"). Times are milliseconds since the epoch.
--
-- volunteer_star_thresholds: the five thresholds, in hours of verified service, that a
-- province or a city sets for its subtree (Beijing 100/200/500/800/1000). A volunteer's level
-- goes by the nearest ancestor of their division that has a row; without one, the national
-- default (100/300/600/1000/1500, in the rules, not a row). Who changed a row is in the audit
-- log.
CREATE TABLE volunteer_star_thresholds (
    division {{code}} PRIMARY KEY REFERENCES divisions(code),
    h1       INTEGER NOT NULL CHECK (h1 > 0),
    h2       INTEGER NOT NULL,
    h3       INTEGER NOT NULL,
    h4       INTEGER NOT NULL,
    h5       INTEGER NOT NULL,
    set_by   INTEGER REFERENCES users(id),
    set_at   INTEGER NOT NULL,
    CHECK (h1 < h2 AND h2 < h3 AND h3 < h4 AND h4 < h5)
) {{strict}};

-- An application for a star level, by the volunteer or by a coordinator on their behalf
-- (applied_by). It is shown on the public notice (公示) from created_at until notice_until
-- (the end of the last of the notice's working days); then a coordinator who is neither the
-- volunteer nor applied_by grants or refuses it. minutes: the volunteer's verified minutes
-- when they applied; org_id: the organisation that certified most of them (shown on the
-- notice). A granted application may later be revoked (hours proved false). One open
-- application (status 'notice') per volunteer.
CREATE TABLE volunteer_star_applications (
    id            {{id}},
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    division      {{code}} NOT NULL REFERENCES divisions(code),
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    minutes       INTEGER NOT NULL,
    org_id        INTEGER REFERENCES volunteer_orgs(id),
    applied_by    INTEGER NOT NULL REFERENCES users(id),
    notice_until  INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'notice'
                  CHECK (status IN ('notice', 'granted', 'refused', 'revoked')),
    decided_by    INTEGER REFERENCES users(id),
    decided_at    INTEGER,
    decision_note TEXT NOT NULL DEFAULT '',
    revoked_by    INTEGER REFERENCES users(id),
    revoked_at    INTEGER,
    revoke_reason TEXT,
    created_at    INTEGER NOT NULL
) {{strict}};
CREATE UNIQUE INDEX volunteer_star_applications_open ON volunteer_star_applications(volunteer_id)
    WHERE status = 'notice';
CREATE INDEX volunteer_star_applications_status ON volunteer_star_applications(status, division, id);

-- An objection (异议) to an application during its notice, by any logged-in person, with a
-- reason; decided with the application: upheld (the application is refused) or dismissed.
CREATE TABLE volunteer_star_objections (
    id             {{id}},
    application_id INTEGER NOT NULL REFERENCES volunteer_star_applications(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    reason         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
    created_at     INTEGER NOT NULL
) {{strict}};
CREATE INDEX volunteer_star_objections_app ON volunteer_star_objections(application_id, id);

-- A volunteer's current star level, written by the grant and the revocation, so that it is
-- read without scanning the applications (level 0 after a revocation).
CREATE TABLE volunteer_star_levels (
    volunteer_id   INTEGER PRIMARY KEY REFERENCES volunteers(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    division       {{code}} NOT NULL REFERENCES divisions(code),
    level          INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    application_id INTEGER REFERENCES volunteer_star_applications(id),
    updated_at     INTEGER NOT NULL
) {{strict}};
CREATE INDEX volunteer_star_levels_division ON volunteer_star_levels(division, level);

-- The module's figures are computed now (src/mod/volunteers/module.c: indicators).
UPDATE indicator_defs SET source = 'computed',
    definition = 'Volunteers registered in the division''s subtree per million residents (its latest population figure).'
    WHERE code = 'volunteers.per_million';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Verified hours records (not corrections) of the subtree''s volunteers decided in the year, divided by the resident population.'
    WHERE code = 'volunteers.activities_per_resident';
INSERT INTO indicator_defs(code, name_zh, name_en, unit, definition, attribute, levels,
                           period_kind, source, measure, plans, public, flag, sort) VALUES
('volunteers.hours', '年志愿服务时长', 'Verified volunteer hours a year', 'hours',
 'Hours of the verified hours records (corrections included) certified by organisations of the subtree, decided in the period.',
 NULL, 'city,county,town', 'year', 'computed', 'flow', '', 1, NULL, 600),
('volunteers.active', '活跃志愿者数', 'Active volunteers', 'volunteers',
 'Volunteers of the subtree with at least one verified hours record decided in the period.',
 NULL, 'city,county,town', 'year', 'computed', 'flow', '', 1, NULL, 610),
('volunteers.stars_1', '一星级志愿者', 'One-star volunteers', 'volunteers',
 'Volunteers of the subtree whose current star level is one.',
 NULL, 'city,county', 'year', 'computed', 'stock', '', 1, NULL, 620),
('volunteers.stars_2', '二星级志愿者', 'Two-star volunteers', 'volunteers',
 'Volunteers of the subtree whose current star level is two.',
 NULL, 'city,county', 'year', 'computed', 'stock', '', 1, NULL, 621),
('volunteers.stars_3', '三星级志愿者', 'Three-star volunteers', 'volunteers',
 'Volunteers of the subtree whose current star level is three.',
 NULL, 'city,county', 'year', 'computed', 'stock', '', 1, NULL, 622),
('volunteers.stars_4', '四星级志愿者', 'Four-star volunteers', 'volunteers',
 'Volunteers of the subtree whose current star level is four.',
 NULL, 'city,county', 'year', 'computed', 'stock', '', 1, NULL, 623),
('volunteers.stars_5', '五星级志愿者', 'Five-star volunteers', 'volunteers',
 'Volunteers of the subtree whose current star level is five.',
 NULL, 'city,county', 'year', 'computed', 'stock', '', 1, NULL, 624);
