-- The cultural exchange information system (人文交流信息系统, docs/exchange.md): partners and
-- their agreements, channels, intents reached, and exchange activities with their stops,
-- published through review. Dates are YYYY-MM-DD (China time); times are ms since the epoch.
--
-- A partner: a friendship city, a local government (a province, a city, a district) or an
-- organisation, foreign or domestic, of a division (the city or county that keeps the
-- relationship). languages: ",zh,es," (comma-delimited).
CREATE TABLE exchange_partners (
    id           {{id}},
    division     {{code}} NOT NULL REFERENCES divisions(code),
    name         TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('friendship_city', 'local_government', 'organisation')),
    scope        TEXT NOT NULL CHECK (scope IN ('foreign', 'domestic')),
    country      TEXT NOT NULL,
    city         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    languages    TEXT NOT NULL DEFAULT ',',
    since        TEXT,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_partners_division ON exchange_partners(division, id);

-- An agreement with a partner: a friendship-city agreement, a memorandum, an alliance charter.
-- The owners are the offices answerable on each side (shown to staff only).
CREATE TABLE exchange_agreements (
    id           {{id}},
    partner_id   INTEGER NOT NULL REFERENCES exchange_partners(id),
    division     {{code}} NOT NULL REFERENCES divisions(code),
    kind         TEXT NOT NULL CHECK (kind IN ('friendship_city', 'memorandum', 'alliance_charter')),
    title        TEXT NOT NULL,
    signed_on    TEXT NOT NULL,
    renew_on     TEXT,
    scope        TEXT NOT NULL DEFAULT '',
    obligations  TEXT NOT NULL DEFAULT '',
    owner_ours   TEXT NOT NULL DEFAULT '',
    owner_theirs TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (renew_on IS NULL OR renew_on >= signed_on)
) {{strict}};
CREATE INDEX exchange_agreements_partner ON exchange_agreements(partner_id, id);
CREATE INDEX exchange_agreements_renew ON exchange_agreements(division, renew_on);

-- A channel of exchange (交流渠道): international or domestic, through government or not,
-- mass art (群众文艺) or not; counted by "channels established" from the day it was.
CREATE TABLE exchange_channels (
    id             {{id}},
    division       {{code}} NOT NULL REFERENCES divisions(code),
    name           TEXT NOT NULL,
    scope          TEXT NOT NULL CHECK (scope IN ('international', 'domestic')),
    sector         TEXT NOT NULL CHECK (sector IN ('government', 'nongovernment')),
    mass_art       INTEGER NOT NULL DEFAULT 0 CHECK (mass_art IN (0, 1)),
    established_on TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_channels_division ON exchange_channels(division, id);

-- An intent reached (交流意向) through a channel with a partner on a date.
CREATE TABLE exchange_intents (
    id          {{id}},
    division    {{code}} NOT NULL REFERENCES divisions(code),
    channel_id  INTEGER NOT NULL REFERENCES exchange_channels(id),
    partner_id  INTEGER NOT NULL REFERENCES exchange_partners(id),
    title       TEXT NOT NULL,
    reached_on  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_intents_division ON exchange_intents(division, reached_on);
CREATE INDEX exchange_intents_partner ON exchange_intents(partner_id, reached_on);

-- An exchange activity: bilingual title and summary, a kind, international or domestic, an
-- optional channel, its partners and its stops (several for a tour), participants, audience,
-- media coverage, online reach and new followers of the city's accounts. Published through the
-- review chain (content type exchange_activity): draft -> pending -> published | rejected.
CREATE TABLE exchange_activities (
    id            {{id}},
    division      {{code}} NOT NULL REFERENCES divisions(code),
    title         TEXT NOT NULL,
    title_en      TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    summary_en    TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('tour', 'culture_week', 'culture_month',
                  'culture_year', 'festival', 'expo', 'forum', 'joint_creation', 'heritage',
                  'training', 'study_visit')),
    scope         TEXT NOT NULL CHECK (scope IN ('international', 'domestic')),
    channel_id    INTEGER REFERENCES exchange_channels(id),
    starts_on     TEXT NOT NULL,
    ends_on       TEXT NOT NULL,
    ends_at       INTEGER NOT NULL, -- the end of ends_on: local midnight after it, in ms
    participants  INTEGER CHECK (participants IS NULL OR participants >= 0),
    audience      INTEGER CHECK (audience IS NULL OR audience >= 0),
    media_reports INTEGER CHECK (media_reports IS NULL OR media_reports >= 0),
    online_reach  INTEGER CHECK (online_reach IS NULL OR online_reach >= 0),
    new_followers INTEGER CHECK (new_followers IS NULL OR new_followers >= 0),
    -- when the participant number was first recorded ("use of the information system")
    figures_at    INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'pending', 'published', 'rejected')),
    author        INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    published_at  INTEGER,
    CHECK (ends_on >= starts_on)
) {{strict}};
CREATE INDEX exchange_activities_division ON exchange_activities(division, status, id);
CREATE INDEX exchange_activities_ends ON exchange_activities(division, ends_on);

CREATE TABLE exchange_activity_partners (
    activity_id INTEGER NOT NULL REFERENCES exchange_activities(id),
    partner_id  INTEGER NOT NULL REFERENCES exchange_partners(id),
    PRIMARY KEY (activity_id, partner_id)
) {{strict}};
CREATE INDEX exchange_activity_partners_partner ON exchange_activity_partners(partner_id);

-- The stops of an activity, in order: a tour has several.
CREATE TABLE exchange_stops (
    id          {{id}},
    activity_id INTEGER NOT NULL REFERENCES exchange_activities(id),
    seq         INTEGER NOT NULL,
    place       TEXT NOT NULL,
    city        TEXT NOT NULL,
    country     TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    shows       INTEGER NOT NULL DEFAULT 0 CHECK (shows >= 0),
    audience    INTEGER NOT NULL DEFAULT 0 CHECK (audience >= 0),
    UNIQUE (activity_id, seq),
    CHECK (ends_on >= starts_on)
) {{strict}};

-- Yuxi's exchange indicators are computed from these records now (src/mod/exchange/module.c).
UPDATE indicator_defs SET source = 'computed',
    definition = 'Channels of the subtree, international, established before the end of the period.'
    WHERE code = 'exchange.channels_international';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Channels of the subtree, domestic, established before the end of the period.'
    WHERE code = 'exchange.channels_domestic';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Intents reached through government channels of the subtree before the end of the period.'
    WHERE code = 'exchange.intents_government';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Intents reached through non-government channels of the subtree before the end of the period.'
    WHERE code = 'exchange.intents_nongovernment';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Published performance tours of the subtree, international, that ended before the end of the period.'
    WHERE code = 'exchange.tours_international';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Published performance tours of the subtree, domestic, that ended before the end of the period.'
    WHERE code = 'exchange.tours_domestic';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Published festivals of the subtree that ended before the end of the period.'
    WHERE code = 'exchange.festivals';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Published expos of the subtree that ended before the end of the period.'
    WHERE code = 'exchange.expos';
UPDATE indicator_defs SET source = 'computed',
    definition = 'Of the subtree''s exchange activities that ended in the period, the share whose participant number was recorded within 30 days of their end.'
    WHERE code = 'exchange.system_use';
UPDATE indicator_defs SET source = 'computed',
    definition = 'New followers of the city''s accounts per participant, in percent, over the published activities of the subtree that ended in the period with both figures.'
    WHERE code = 'exchange.followers_per_participant';
