-- Indicators against the plans' targets (src/mod/indicators, docs/indicators.md).
--
-- indicator_defs is the catalogue: what each plan asks to measure. A computed indicator's
-- value comes from the module whose descriptor declares a wy_indicator of the same code; a
-- reported one is entered by hand (indicator_reports), with evidence (attachments). A
-- correction is a new report that supersedes the previous one: nothing is overwritten.
-- Evidence files are core attachments (the attachments table below).
-- indicator_targets holds a target per indicator, division and period with its baseline;
-- who changed one is in the audit log. indicator_values caches computed values (with the
-- time and a hash of the figures), so dashboards read them without computing.
CREATE TABLE indicator_defs (
    code        {{code}} PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    unit        TEXT NOT NULL,
    definition  TEXT NOT NULL,
    attribute   TEXT CHECK (attribute IN ('binding', 'expected')),
    levels      TEXT NOT NULL,
    period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'quarter', 'month', 'deadline')),
    source      TEXT NOT NULL CHECK (source IN ('computed', 'reported')),
    measure     TEXT NOT NULL CHECK (measure IN ('stock', 'flow')),
    plans       TEXT NOT NULL DEFAULT '',
    public      INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
    flag        TEXT,
    sort        INTEGER NOT NULL
) {{strict}};

CREATE TABLE indicator_targets (
    id            {{id}},
    code          {{code}} NOT NULL REFERENCES indicator_defs(code),
    division      {{code}} NOT NULL,
    period        TEXT NOT NULL,
    recurring     INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1)),
    baseline_year INTEGER,
    baseline      REAL,
    target        REAL NOT NULL,
    note          TEXT,
    set_by        INTEGER REFERENCES users(id),
    set_at        INTEGER NOT NULL,
    UNIQUE (code, division, period)
) {{strict}};

CREATE TABLE indicator_reports (
    id          {{id}},
    code        {{code}} NOT NULL REFERENCES indicator_defs(code),
    division    {{code}} NOT NULL,
    period      TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT,
    supersedes  INTEGER UNIQUE REFERENCES indicator_reports(id),
    entered_by  INTEGER REFERENCES users(id),
    entered_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX indicator_reports_key ON indicator_reports(code, division, period, id);

-- attachments (core/attachment.h): files that back a record of any module, here the evidence
-- of reported values (owner_type 'indicator_report'). The bytes are base64 text (the driver
-- binds no blobs); bytes is the decoded length and sha256 the hash of the decoded bytes. The
-- owner's division is kept so that the owning module can check access without a join.
CREATE TABLE attachments (
    id           {{id}},
    owner_type   TEXT NOT NULL,
    owner_id     INTEGER NOT NULL,
    division     {{code}},
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data         TEXT NOT NULL,
    bytes        INTEGER NOT NULL CHECK (bytes > 0),
    sha256       TEXT NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
) {{strict}};
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id, id);

CREATE TABLE indicator_values (
    code         {{code}} NOT NULL,
    division     {{code}} NOT NULL,
    period       TEXT NOT NULL,
    value        REAL,
    computed_at  INTEGER NOT NULL,
    figures_hash TEXT NOT NULL,
    PRIMARY KEY (code, division, period)
) {{strict}};

-- The catalogue as the plans write it. Levels: city (市), county (县区), town (乡镇街道).
INSERT INTO indicator_defs(code, name_zh, name_en, unit, definition, attribute, levels,
                           period_kind, source, measure, plans, public, flag, sort) VALUES
-- Panzhihua
('circles.quality_circles', '15分钟品质文化生活圈', '15-minute quality cultural life circles', 'circles',
 'Named circles (a community, a town or an area on the map) whose 15-minute walk reaches at least 4 venues or public cultural spaces, checked with the circle analysis.',
 NULL, 'city,county', 'deadline', 'computed', 'stock', 'panzhihua', 1, NULL, 10),
('spaces.upgraded', '提档升级的公共文化空间', 'Public cultural spaces upgraded', 'spaces',
 'Spaces that gained off-peak or extended hours (错时延时开放) or new uses during the plan.',
 NULL, 'city,county', 'deadline', 'computed', 'stock', 'panzhihua', 1, NULL, 20),
('talent.pool', '文化人才库人数', 'Culture talent pool', 'people',
 'People in the city''s culture and tourism talent pool (人才库), as reported by the bureau until the talent module counts them.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'panzhihua', 1, NULL, 30),
('activities.people_served', '年服务群众人次', 'People served a year', 'person-times',
 'Check-ins at the sessions of published activities held in the division''s subtree during the period.',
 NULL, 'city,county,town', 'year', 'computed', 'flow', 'panzhihua', 1, NULL, 40),
('activities.art_popularisation', '年开展艺术普及活动', 'Art-popularisation activities a year', 'activities',
 'Sessions held during the period of published activities of the art-popularisation categories: knowledge, appreciation, talent shows, exhibitions of works.',
 NULL, 'city,county', 'year', 'computed', 'flow', 'panzhihua', 1, NULL, 50),
('works.new_fine', '新创文艺精品', 'New fine works', 'works',
 'New works of art recognised as fine works (文艺精品) since the start of the plan, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'panzhihua', 1, NULL, 60),
('venues.centres_grade1', '国家一级文化馆', 'Cultural centres at national grade one', 'centres',
 'Cultural centres (文化馆) of the subtree rated grade one in the national assessment.',
 NULL, 'city,county', 'deadline', 'computed', 'stock', 'panzhihua', 1, NULL, 70),
('venues.township_stations', '达省定标准的乡镇综合文化站', 'Township cultural stations at the provincial standard', 'stations',
 'Township (乡镇) comprehensive cultural stations of the subtree that meet the provincial standard.',
 NULL, 'city,county', 'deadline', 'computed', 'stock', 'panzhihua', 1, NULL, 80),
('libraries.branch_coverage', '县级图书馆文化馆乡镇分馆覆盖率', 'Township branch coverage of county libraries and cultural centres', '%',
 'Share of townships with a branch (分馆) of the county library and of the county cultural centre, as reported.',
 NULL, 'city,county', 'deadline', 'reported', 'stock', 'panzhihua', 1, NULL, 90),
('resources.old_books_digitised', '古籍数字化', 'Old books digitised', 'volumes',
 'Volumes of old books (古籍) digitised, as reported by the libraries.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'panzhihua', 1, NULL, 100),
('venues.count', '公共文化阵地数', 'Public cultural venues', 'venues',
 'Open venues of the division''s subtree that existed before the end of the period.',
 NULL, 'city,county,town', 'year', 'computed', 'stock', 'panzhihua', 1, NULL, 110),
('troupes.grassroots', '群文队伍数', 'Grassroots performing groups', 'groups',
 'Grassroots amateur performing groups (群文队伍) registered in the subtree, as reported.',
 NULL, 'city,county', 'year', 'reported', 'stock', 'panzhihua', 1, NULL, 120),
('activities.sessions', '年均活动开展次数', 'Activities a year', 'sessions',
 'Sessions of published activities of the subtree held during the period.',
 NULL, 'city,county,town', 'year', 'computed', 'flow', 'panzhihua', 1, NULL, 130),
('resources.digital_stock', '数字资源存量', 'Digital resource stock', 'TB',
 'Digital cultural resources held (video, audio, e-books, digitised old books), in terabytes, as reported.',
 NULL, 'city', 'year', 'reported', 'stock', 'panzhihua', 1, NULL, 140),
-- Changzhi
('spaces.new_public', '新型公共文化空间', 'New public cultural spaces', 'spaces',
 'New public cultural spaces opened during the plan, ten a county over three years, as reported.',
 NULL, 'city,county', 'deadline', 'reported', 'stock', 'changzhi', 1, NULL, 200),
('spaces.street_stations', '街头文化驿站', 'Street culture stations', 'stations',
 'Street culture stations (街头文化驿站), at least two a county, as reported.',
 NULL, 'city,county', 'deadline', 'reported', 'stock', 'changzhi', 1, NULL, 210),
('venues.area_per_10k', '每万人公共文化设施面积', 'Public cultural facility area per 10,000 residents', 'm²/10k residents',
 'Floor area of the open venues of the subtree divided by its resident population, per 10,000 residents. No population figure: no data.',
 'expected', 'city,county', 'deadline', 'computed', 'stock', 'changzhi,cixi', 1,
 'Changzhi''s plan writes 5,000 m² per 10,000 residents; other plans use about 250. Stored as written.', 220),
('volunteers.per_million', '每百万人文化志愿者数', 'Culture volunteers per million residents', 'volunteers/million residents',
 'Registered culture volunteers per million residents, as reported until the volunteers module counts them.',
 NULL, 'city,county', 'deadline', 'reported', 'stock', 'changzhi', 1, NULL, 230),
('resources.digital_added', '新增数字资源', 'Digital resources added', 'TB',
 'Digital cultural resources added during the period (a flow, not the stock), in terabytes, as reported.',
 NULL, 'city', 'deadline', 'reported', 'flow', 'changzhi', 1, NULL, 240),
('assessment.most_beautiful_spaces', '最美新型公共文化空间', 'Most beautiful new public cultural spaces', 'spaces',
 'Spaces named "most beautiful new public cultural space" (最美新型公共文化空间) in the period, as reported.',
 NULL, 'city', 'year', 'reported', 'flow', 'changzhi', 1, NULL, 250),
('brands.national', '国家级文化品牌', 'National-level cultural brands', 'brands',
 'Cultural brands of the city recognised at national level, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'changzhi', 1, NULL, 260),
-- Cixi (14th five-year plan table)
('volunteers.activities_per_resident', '人均参加文化志愿活动次数', 'Volunteer activities per resident a year', 'times/resident',
 'Participations in culture volunteer activities in the year divided by the resident population, as reported.',
 'expected', 'city,county', 'year', 'reported', 'flow', 'cixi', 1, NULL, 300),
('youth_palaces.model', '示范性乡村少年宫', 'Model rural youth palaces', 'palaces',
 'Rural youth palaces (乡村少年宫) recognised as models, as reported.',
 'binding', 'county', 'deadline', 'reported', 'stock', 'cixi', 1, NULL, 310),
('reading.rate', '居民综合阅读率', 'Residents'' reading rate', '%',
 'Share of residents who read at least one book in the year (survey), as reported.',
 NULL, 'city,county', 'year', 'reported', 'stock', 'cixi', 1, NULL, 320),
-- Yuxi (cultural exchange), reported until the exchange module computes them
('exchange.channels_international', '国际交流渠道', 'International exchange channels', 'channels',
 'Standing channels of cultural exchange with foreign partners, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 400),
('exchange.channels_domestic', '国内交流渠道', 'Domestic exchange channels', 'channels',
 'Standing channels of cultural exchange with partners in China, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 410),
('exchange.intents_government', '政府渠道交流意向', 'Exchange intents through government channels', 'intents',
 'Letters of intent for exchange signed through government channels, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 420),
('exchange.intents_nongovernment', '民间渠道交流意向', 'Exchange intents through non-government channels', 'intents',
 'Letters of intent for exchange signed through non-government channels, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 430),
('exchange.tours_international', '国际交流出访演出', 'International tours', 'tours',
 'Tours abroad by the city''s troupes and delegations, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 440),
('exchange.tours_domestic', '国内交流出访演出', 'Domestic tours', 'tours',
 'Tours in China by the city''s troupes and delegations, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 450),
('exchange.festivals', '举办文化节会', 'Festivals held', 'festivals',
 'Cultural festivals held or co-hosted by the city, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 460),
('exchange.expos', '参加展会博览会', 'Expos attended', 'expos',
 'Exhibitions and expos the city took part in, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 470),
('exchange.system_use', '交流信息系统使用率', 'Use of the exchange information system', '%',
 'Share of exchange activities recorded in the exchange information system, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 480),
('exchange.followers_per_participant', '参与者带动新增关注率', 'New followers of the city''s accounts per participant', '%',
 'New followers of the city''s official accounts per participant of exchange activities, as reported.',
 NULL, 'city', 'deadline', 'reported', 'stock', 'yuxi', 1, NULL, 490),
-- Utilisation, which the plans ask to raise (no plan target)
('occupancy.sessions', '活动场次上座率', 'Occupancy of sessions', '%',
 'Seats booked and checked in against the capacity of the sessions held in the period.',
 NULL, 'city,county,town', 'month', 'computed', 'flow', '', 0, NULL, 500),
('occupancy.spaces', '公共文化空间使用率', 'Occupancy of spaces', '%',
 'Approved booking hours of the spaces against their open hours in the period.',
 NULL, 'city,county,town', 'month', 'computed', 'flow', '', 0, NULL, 510),
('occupancy.venues', '场馆开放时长达标率', 'Opening of venues against the weekly minimum', '%',
 'Hours open of the venues against the weekly minimum their category must open, over the period.',
 NULL, 'city,county,town', 'month', 'computed', 'flow', '', 0, NULL, 520);

-- The plans' targets, for the plans' cities (set_by NULL: seeded from the plan). Deadlines the
-- plans leave implicit are the end of their last year (2025); recurring: a yearly target.
INSERT INTO indicator_targets(code, division, period, recurring, baseline_year, baseline,
                              target, note, set_by, set_at) VALUES
('circles.quality_circles', '5104', '2025', 0, NULL, NULL, 10, NULL, NULL, 0),
('spaces.upgraded', '5104', '2025', 0, NULL, NULL, 100, NULL, NULL, 0),
('talent.pool', '5104', '2025', 0, NULL, NULL, 1000, 'at least', NULL, 0),
('activities.people_served', '5104', '2025', 1, NULL, NULL, 10000, 'a year', NULL, 0),
('activities.art_popularisation', '5104', '2025', 1, NULL, NULL, 800, 'at least, a year', NULL, 0),
('works.new_fine', '5104', '2025', 0, NULL, NULL, 100, 'at least, by 2025', NULL, 0),
('venues.centres_grade1', '5104', '2025', 0, NULL, NULL, 6, 'all 6', NULL, 0),
('venues.township_stations', '5104', '2024', 0, NULL, NULL, 37, 'the first 37 by the end of 2024', NULL, 0),
('libraries.branch_coverage', '5104', '2025', 0, NULL, NULL, 100, NULL, NULL, 0),
('resources.old_books_digitised', '5104', '2025', 0, NULL, NULL, 7000, NULL, NULL, 0),
('spaces.new_public', '1404', '2025', 0, NULL, NULL, 100, 'ten a county over three years', NULL, 0),
('spaces.street_stations', '1404', '2025', 0, NULL, NULL, 25, 'at least two a county', NULL, 0),
('venues.area_per_10k', '1404', '2025', 0, NULL, NULL, 5000, 'as the plan writes it (5,000 m²); flagged: other plans use about 250', NULL, 0),
('volunteers.per_million', '1404', '2025', 0, NULL, NULL, 60000, 'at least', NULL, 0),
('resources.digital_added', '1404', '2025', 0, NULL, NULL, 1000, 'more than 1,000 TB added', NULL, 0),
('assessment.most_beautiful_spaces', '1404', '2025', 1, NULL, NULL, 10, 'a year', NULL, 0),
('brands.national', '1404', '2025', 0, NULL, NULL, 4, NULL, NULL, 0),
('volunteers.activities_per_resident', '330282', '2025', 0, 2020, 0.21, 0.41, NULL, NULL, 0),
('youth_palaces.model', '330282', '2025', 0, NULL, NULL, 80, NULL, NULL, 0),
('venues.area_per_10k', '330282', '2025', 0, 2020, 194, 250, NULL, NULL, 0),
('reading.rate', '330282', '2025', 0, 2020, 92.5, 95, NULL, NULL, 0),
('exchange.channels_international', '5304', '2025', 0, NULL, NULL, 10, NULL, NULL, 0),
('exchange.channels_domestic', '5304', '2025', 0, NULL, NULL, 15, NULL, NULL, 0),
('exchange.intents_government', '5304', '2025', 0, NULL, NULL, 20, NULL, NULL, 0),
('exchange.intents_nongovernment', '5304', '2025', 0, NULL, NULL, 10, NULL, NULL, 0),
('exchange.tours_international', '5304', '2025', 0, NULL, 9, 15, NULL, NULL, 0),
('exchange.tours_domestic', '5304', '2025', 0, NULL, 69, 80, NULL, NULL, 0),
('exchange.festivals', '5304', '2025', 0, NULL, NULL, 10, NULL, NULL, 0),
('exchange.expos', '5304', '2025', 0, NULL, NULL, 30, NULL, NULL, 0),
('exchange.system_use', '5304', '2025', 0, NULL, NULL, 90, NULL, NULL, 0),
('exchange.followers_per_participant', '5304', '2025', 0, NULL, NULL, 60, NULL, NULL, 0);
