-- bench/indicators: a synthetic large city on top of the demo's divisions (攀枝花市 5104 and
-- its districts and towns): 5 million residents, 300 venues, 2,000 activities with 200,000
-- sessions in 2026 and 3 million bookings (15 a session: 60% checked in, 25% confirmed, 10%
-- cancelled, 5% no-show), made by 100,000 residents. One transaction; recursive CTEs only.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
BEGIN;
-- 5 million residents: the city's figure, spread over its districts by their share
UPDATE division_population SET persons = 5000000, year = 2026 WHERE code = '5104';
UPDATE division_population SET persons = persons * 5000000 / 1212200, year = 2026
 WHERE code IN (SELECT code FROM divisions WHERE parent = '5104');

CREATE TEMP TABLE towns AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM divisions
   WHERE level = 4 AND code LIKE '5104%';

-- venues up to 300, one town after another
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299 - (SELECT count(*) FROM venues))
INSERT INTO venues(name, category, division, lon, lat, area_m2, status, created_at, updated_at)
SELECT '基准场馆' || i, CASE i % 4 WHEN 0 THEN 'library' WHEN 1 THEN 'cultural_centre'
                                  WHEN 2 THEN 'museum' ELSE 'cultural_station' END,
       (SELECT code FROM towns WHERE towns.i = n.i % (SELECT count(*) FROM towns)),
       101.7 + (i % 50) * 0.004, 26.5 + (i / 50) * 0.01, 300 + (i % 17) * 150, 'open',
       1735660800000, 1735660800000
  FROM n;

-- 100,000 residents who book
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO users(phone, name, password_hash, division, status, created_at, updated_at)
SELECT '166' || printf('%08d', i), '居民' || i, 'x', (SELECT code FROM towns WHERE towns.i = n.i % (SELECT count(*) FROM towns)),
       'active', 1735660800000, 1735660800000
  FROM n;
CREATE TEMP TABLE bench_users AS
  SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM users WHERE phone LIKE '166%';

-- 2,000 published activities, each at a venue and in its division
CREATE TEMP TABLE bench_venues AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, division FROM venues;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
INSERT INTO activities(title, category, venue_id, division, description, status, created_by,
                       created_at, updated_at)
SELECT '基准活动' || n.i, CASE n.i % 3 WHEN 0 THEN 'lecture' WHEN 1 THEN 'performance' ELSE 'exhibition' END,
       v.id, v.division, '', 'published', (SELECT min(id) FROM users), 1735660800000, 1735660800000
  FROM n JOIN bench_venues v ON v.i = n.i % (SELECT count(*) FROM bench_venues);
CREATE TEMP TABLE bench_acts AS
  SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM activities WHERE title LIKE '基准活动%';

-- 200,000 sessions through 2026 (China time), 100 an activity, 2 hours each, 40 seats
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999)
INSERT INTO activity_sessions(activity_id, starts_at, ends_at, capacity, status, confirmed_seats)
SELECT a.id, 1767196800000 + (n.i * 157) % 31536000 * 1000,
       1767196800000 + (n.i * 157) % 31536000 * 1000 + 7200000, 40, 'scheduled', 0
  FROM n JOIN bench_acts a ON a.i = n.i % 2000;
CREATE TEMP TABLE bench_sessions AS
  SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, starts_at FROM activity_sessions
   WHERE activity_id IN (SELECT id FROM bench_acts);

-- 3,000,000 bookings: 15 a session, each by a different resident
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 14)
INSERT INTO bookings(session_id, user_id, status, seats, code, checked_in_at, created_at,
                     updated_at)
SELECT s.id, u.id,
       CASE (s.i + k.j) % 20 WHEN 0 THEN 'no_show' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'cancelled'
            WHEN 3 THEN 'confirmed' WHEN 4 THEN 'confirmed' WHEN 5 THEN 'confirmed'
            WHEN 6 THEN 'confirmed' WHEN 7 THEN 'confirmed' ELSE 'checked_in' END,
       1 + (s.i + k.j) % 2, 'B' || s.i || '-' || k.j,
       CASE WHEN (s.i + k.j) % 20 >= 8 THEN s.starts_at - 600000 + k.j * 60000 END,
       s.starts_at - 86400000, s.starts_at - 86400000
  FROM bench_sessions s CROSS JOIN k
  JOIN bench_users u ON u.i = (s.i * 15 + k.j) % 100000;
-- the sessions' counts, as booking and check-in keep them
UPDATE activity_sessions SET
  confirmed_seats = (SELECT coalesce(sum(seats), 0) FROM bookings b
                      WHERE b.session_id = activity_sessions.id
                        AND b.status IN ('confirmed', 'checked_in', 'no_show')),
  checked_in_seats = (SELECT coalesce(sum(seats), 0) FROM bookings b
                       WHERE b.session_id = activity_sessions.id AND b.status = 'checked_in')
 WHERE id IN (SELECT id FROM bench_sessions);
COMMIT;
ANALYZE;
