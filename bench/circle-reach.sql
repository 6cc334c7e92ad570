-- bench/circle.sh: the reach step of the circle analysis in pgRouting, one
-- pgr_drivingDistance per venue from its snapped node, bounded by the budget minus its snap
-- offset; then the reachable-venue count of every network node and the verdicts under
-- count:4 and zj (1 required + 2 further free spaces). Prints points|covered count:4|covered zj.
-- Variables: budget (metres).
\set ON_ERROR_STOP 1
WITH reach AS (
  SELECT v.vidx, d.node
  FROM venues v
  CROSS JOIN LATERAL pgr_drivingDistance(
         'SELECT id, source, target, cost, reverse_cost FROM edges',
         v.node_osm, :budget - v.snap_m, directed := false) d
  WHERE v.node_osm >= 0 AND v.snap_m <= :budget
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
