-- The exchange module's coordination calendar, funds and delegations (docs/exchange.md).
--
-- A plan entry (计划交流): a unit of a division plans an exchange with partners on dates; the
-- calendar warns of clashes (the same partner in overlapping periods, overlapping dates in the
-- same division). Plans are approved through the review chain as content type exchange_plan:
-- draft -> pending -> published | rejected.
CREATE TABLE exchange_plans (
    id          {{id}},
    division    {{code}} NOT NULL REFERENCES divisions(code),
    unit        TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('tour', 'culture_week', 'culture_month',
                'culture_year', 'festival', 'expo', 'forum', 'joint_creation', 'heritage',
                'training', 'study_visit', 'visit')),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'pending', 'published', 'rejected')),
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_on >= starts_on)
) {{strict}};
CREATE INDEX exchange_plans_division ON exchange_plans(division, starts_on);
CREATE INDEX exchange_plans_dates ON exchange_plans(starts_on, ends_on);

CREATE TABLE exchange_plan_partners (
    plan_id    INTEGER NOT NULL REFERENCES exchange_plans(id),
    partner_id INTEGER NOT NULL REFERENCES exchange_partners(id),
    PRIMARY KEY (plan_id, partner_id)
) {{strict}};
CREATE INDEX exchange_plan_partners_partner ON exchange_plan_partners(partner_id);

-- A county's plan is approved by the city: one level, the city's, for every division unless a
-- city configures another chain (the chain of the longest configured prefix wins).
INSERT INTO review_chains(content_type, division, levels) VALUES ('exchange_plan', '', 'city');

-- Special funds and sponsorship of an activity: a grant (资助项目), a sponsorship (赞助活动),
-- facilities provided (提供设施) or products donated (捐赠产品), by a sponsor or funder, in
-- money (amount_fen) or in kind (in_kind, with its value in value_fen), on a date.
CREATE TABLE exchange_funds (
    id          {{id}},
    activity_id INTEGER NOT NULL REFERENCES exchange_activities(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    kind        TEXT NOT NULL CHECK (kind IN ('grant', 'sponsorship', 'facilities', 'donation')),
    sponsor     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    in_kind     TEXT NOT NULL DEFAULT '',
    value_fen   INTEGER NOT NULL DEFAULT 0 CHECK (value_fen >= 0),
    given_on    TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_funds_activity ON exchange_funds(activity_id, id);
CREATE INDEX exchange_funds_division ON exchange_funds(division, given_on);

-- The delegation of an activity: troupes (public) and people (personal data: staff only).
CREATE TABLE exchange_delegates (
    id           {{id}},
    activity_id  INTEGER NOT NULL REFERENCES exchange_activities(id),
    kind         TEXT NOT NULL CHECK (kind IN ('troupe', 'person')),
    name         TEXT NOT NULL,
    role         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_delegates_activity ON exchange_delegates(activity_id, id);
