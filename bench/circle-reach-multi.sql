-- bench/circle.sh: as circle-reach.sql, but one multi-source pgr_drivingDistance call (the
-- graph is built once) bounded by the budget minus the smallest snap offset; each venue's
-- reach is then cut at the budget with its own offset. Prints the same three numbers.
-- Variables: budget (metres).
\set ON_ERROR_STOP 1
WITH src AS (
  SELECT * FROM venues WHERE node_osm >= 0 AND snap_m <= :budget
), d AS (
  SELECT * FROM pgr_drivingDistance(
         'SELECT id, source, target, cost, reverse_cost FROM edges',
         (SELECT array_agg(DISTINCT node_osm) FROM src),
         :budget - (SELECT coalesce(min(snap_m), 0) FROM src), directed := false)
), reach AS (
  SELECT v.vidx, d.node FROM d JOIN src v ON v.node_osm = d.from_v
  WHERE v.snap_m + d.agg_cost <= :budget
), c AS (
  SELECT n.osm_id,
         count(r.vidx) AS n_reach,
         count(*) FILTER (WHERE v.is_req AND v.is_free) AS rf,
         count(*) FILTER (WHERE v.is_req AND NOT v.is_free) AS ro,
         count(*) FILTER (WHERE v.is_free AND NOT v.is_req) AS fo
  FROM nodes n LEFT JOIN reach r ON r.node = n.osm_id LEFT JOIN venues v ON v.vidx = r.vidx
  GROUP BY n.osm_id
)
SELECT count(*), count(*) FILTER (WHERE n_reach >= 4),
       count(*) FILTER (WHERE rf + ro >= 1 AND rf - greatest(1 - ro, 0) + fo >= 2)
FROM c;
