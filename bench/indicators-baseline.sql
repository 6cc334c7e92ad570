-- bench/indicators: the raw SQLite baseline. The aggregates the indicators of a city-year
-- need, for the city and each district (a subtree is a range of division codes), run by
-- sqlite3 directly: venues, their area, sessions held, people served (checked-in seats),
-- booked and checked-in seats against capacity (occupancy), population. Year 2026 in China
-- time: [1767196800000, 1798732800000).
.timer on
SELECT d.code,
  (SELECT count(*) FROM venues v WHERE v.division >= d.code AND v.division < d.code || ':'
      AND v.status = 'open') AS venues,
  (SELECT sum(area_m2) FROM venues v WHERE v.division >= d.code AND v.division < d.code || ':'
      AND v.status = 'open') AS area,
  (SELECT persons FROM division_population p WHERE p.code = d.code ORDER BY year DESC LIMIT 1) AS persons
FROM divisions d WHERE d.code = '5104' OR d.parent = '5104';
-- sessions and seats: rolled up once by the division of their activity, then by subtree
WITH per_div AS (
  SELECT a.division, count(*) AS sessions, sum(s.capacity) AS capacity
    FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
   WHERE s.status = 'scheduled' AND s.starts_at >= 1767196800000 AND s.starts_at < 1798732800000
   GROUP BY a.division)
SELECT d.code, sum(p.sessions), sum(p.capacity)
  FROM divisions d JOIN per_div p ON p.division >= d.code AND p.division < d.code || ':'
 WHERE d.code = '5104' OR d.parent = '5104'
 GROUP BY d.code;
-- people served and occupancy: the seats checked in, kept per session (migration 0021), against
-- capacity, the same way (summing the 3 million bookings instead took 3.6 s here)
WITH per_div AS (
  SELECT a.division, sum(s.checked_in_seats) AS served, sum(s.capacity) AS capacity
    FROM activity_sessions s JOIN activities a ON a.id = s.activity_id
   WHERE s.starts_at >= 1767196800000 AND s.starts_at < 1798732800000
   GROUP BY a.division)
SELECT d.code, sum(p.served), sum(p.capacity)
  FROM divisions d JOIN per_div p ON p.division >= d.code AND p.division < d.code || ':'
 WHERE d.code = '5104' OR d.parent = '5104'
 GROUP BY d.code;
