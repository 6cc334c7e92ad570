-- The circle engine against PostgreSQL + pgRouting on the same graph (tests/geo/pgrouting.test.mjs).
--
-- Run with psql in a directory holding what tests/geo/export_graph.c writes (nodes.csv,
-- edges.csv, venues.csv, dist.csv), in a fresh database, with the variables
--   budget   the walking budget in metres (1125 = 15 min at 4.5 km/h)
--   horizon  how far the engine searched for dist.csv (export_graph --limit; twice the budget)
-- It writes, next to the inputs:
--   summary.json   one JSON object: edge-length checks, distance and reach-set comparisons
--   pg_points.csv  per graph node (a demand point of `wenyun circle` when points are nodes):
--                  osm_id, venues reachable within the budget, covered under count:4, covered
--                  under zj (1 required + 2 free), distance to the 4th nearest venue and to the
--                  3rd nearest zj-counted venue (within the horizon; empty beyond)
--   diff.csv       every (venue, node) pair that only one engine reaches, with both distances
--
-- Nothing here comes from the engine but the graph itself (node coordinates, edge list and
-- the edge lengths under test) and the venues' snapped nodes and snap offsets: pgRouting does
-- the searches, and the rules are written here from their definition in the plans.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE; -- pgRouting 3.4 requires PostGIS

CREATE TABLE nodes (idx int, osm_id bigint PRIMARY KEY, lon float8, lat float8);
CREATE TABLE edges (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL,
                    cost float8 NOT NULL, reverse_cost float8 NOT NULL);
CREATE TABLE venues (vidx int PRIMARY KEY, id text, category text, required int, free int,
                     lon float8, lat float8, node_idx bigint, node_osm bigint, snap_m float8);
CREATE TABLE eng_dist (vidx int, node_osm bigint, dist float8, PRIMARY KEY (vidx, node_osm));
\copy nodes FROM 'nodes.csv' CSV HEADER
\copy edges FROM 'edges.csv' CSV HEADER
\copy venues FROM 'venues.csv' CSV HEADER
\copy eng_dist FROM 'dist.csv' CSV HEADER
CREATE INDEX ON edges (source);
CREATE INDEX ON edges (target);
ANALYZE;

-- ---- 1. edge lengths, measured twice more ----
-- Vincenty's inverse formula on WGS84 (1975), written out here: an implementation that shares
-- nothing with the engine's (Karney's algorithm in PROJ's geodesic.c) nor with PostGIS's.
CREATE FUNCTION vincenty(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  a CONSTANT float8 := 6378137.0;
  f CONSTANT float8 := 1 / 298.257223563;
  b CONSTANT float8 := 6378137.0 * (1 - 1 / 298.257223563);
  L float8 := radians(lon2 - lon1);
  U1 float8 := atan((1 - f) * tan(radians(lat1)));
  U2 float8 := atan((1 - f) * tan(radians(lat2)));
  sinU1 float8 := sin(U1); cosU1 float8 := cos(U1);
  sinU2 float8 := sin(U2); cosU2 float8 := cos(U2);
  lambda float8 := L; lambda_p float8;
  sin_l float8; cos_l float8; sin_s float8; cos_s float8; sigma float8;
  sin_a float8; cos2_a float8; cos_2sm float8; C float8; usq float8; AA float8; BB float8;
  ds float8; iter int := 0;
BEGIN
  IF lon1 = lon2 AND lat1 = lat2 THEN RETURN 0; END IF;
  LOOP
    sin_l := sin(lambda); cos_l := cos(lambda);
    sin_s := sqrt((cosU2 * sin_l) ^ 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cos_l) ^ 2);
    IF sin_s = 0 THEN RETURN 0; END IF;
    cos_s := sinU1 * sinU2 + cosU1 * cosU2 * cos_l;
    sigma := atan2(sin_s, cos_s);
    sin_a := cosU1 * cosU2 * sin_l / sin_s;
    cos2_a := 1 - sin_a ^ 2;
    cos_2sm := CASE WHEN cos2_a = 0 THEN 0 ELSE cos_s - 2 * sinU1 * sinU2 / cos2_a END;
    C := f / 16 * cos2_a * (4 + f * (4 - 3 * cos2_a));
    lambda_p := lambda;
    lambda := L + (1 - C) * f * sin_a
              * (sigma + C * sin_s * (cos_2sm + C * cos_s * (-1 + 2 * cos_2sm ^ 2)));
    iter := iter + 1;
    EXIT WHEN abs(lambda - lambda_p) < 1e-13 OR iter >= 200;
  END LOOP;
  usq := cos2_a * (a * a - b * b) / (b * b);
  AA := 1 + usq / 16384 * (4096 + usq * (-768 + usq * (320 - 175 * usq)));
  BB := usq / 1024 * (256 + usq * (-128 + usq * (74 - 47 * usq)));
  ds := BB * sin_s * (cos_2sm + BB / 4 * (cos_s * (-1 + 2 * cos_2sm ^ 2)
        - BB / 6 * cos_2sm * (-3 + 4 * sin_s ^ 2) * (-3 + 4 * cos_2sm ^ 2)));
  RETURN b * AA * (sigma - ds);
END $$;

CREATE TABLE edge_check AS
SELECT e.id, e.cost,
       ST_Distance(ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)::geography,
                   ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography, true) AS postgis,
       vincenty(s.lon, s.lat, t.lon, t.lat) AS vincenty
FROM edges e JOIN nodes s ON s.osm_id = e.source JOIN nodes t ON t.osm_id = e.target;

-- ---- 2. distances up to the horizon: one multi-source pgr_drivingDistance ----
-- (one search per distinct start node; a venue's distance adds its snap offset, as the
-- engine's search starts at the snap offset)
CREATE TABLE pg_dist AS
SELECT v.vidx, d.node AS node_osm, d.agg_cost AS net, v.snap_m + d.agg_cost AS dist
FROM pgr_drivingDistance(
       'SELECT id, source, target, cost, reverse_cost FROM edges',
       (SELECT array_agg(DISTINCT node_osm) FROM venues
         WHERE node_osm >= 0 AND snap_m <= :horizon),
       :horizon, directed := false) d
JOIN venues v ON v.node_osm = d.from_v
WHERE v.snap_m <= :horizon AND v.snap_m + d.agg_cost <= :horizon;
ALTER TABLE pg_dist ADD PRIMARY KEY (vidx, node_osm);

-- ---- 3. reach within the budget: one pgr_drivingDistance per venue, bounded by the budget
-- minus the venue's snap offset (a venue farther than the budget from the network reaches
-- nothing) ----
CREATE TABLE pg_reach AS
SELECT v.vidx, d.node AS node_osm, v.snap_m + d.agg_cost AS dist
FROM venues v
CROSS JOIN LATERAL pgr_drivingDistance(
       'SELECT id, source, target, cost, reverse_cost FROM edges',
       v.node_osm, :budget - v.snap_m, directed := false) d
WHERE v.node_osm >= 0 AND v.snap_m <= :budget;
ALTER TABLE pg_reach ADD PRIMARY KEY (vidx, node_osm);

-- ---- 4. the rules, from their definitions ----
-- zj: "required" venues (必备阵地) are libraries, cultural centres, town cultural stations and
-- village/community centres; "free public cultural spaces" are every category but theatres,
-- cinemas and other (required ones are free too). A point is covered with at least 1 required
-- venue plus at least 2 further free spaces, all distinct.
CREATE TABLE vflags AS
SELECT vidx,
       category IN ('library', 'cultural_centre', 'town_station', 'village_centre') AS req,
       category NOT IN ('theatre', 'cinema', 'other') AS free
FROM venues;

CREATE TABLE pg_points AS
WITH c AS (
  SELECT n.osm_id,
         count(r.vidx) AS n_reach,
         count(*) FILTER (WHERE f.req AND f.free) AS rf,
         count(*) FILTER (WHERE f.req AND NOT f.free) AS ro,
         count(*) FILTER (WHERE f.free AND NOT f.req) AS fo
  FROM nodes n
  LEFT JOIN pg_reach r ON r.node_osm = n.osm_id
  LEFT JOIN vflags f ON f.vidx = r.vidx
  GROUP BY n.osm_id
), nth4 AS ( -- distance to the 4th nearest venue (count:4 counts every category)
  SELECT node_osm, dist FROM (
    SELECT node_osm, dist, row_number() OVER (PARTITION BY node_osm ORDER BY dist) AS k
    FROM pg_dist) x WHERE k = 4
), nthzj AS ( -- to the 3rd nearest venue that zj counts (required or free)
  SELECT node_osm, dist FROM (
    SELECT d.node_osm, d.dist, row_number() OVER (PARTITION BY d.node_osm ORDER BY d.dist) AS k
    FROM pg_dist d JOIN vflags f USING (vidx) WHERE f.req OR f.free) x WHERE k = 3
)
SELECT c.osm_id, c.n_reach,
       c.n_reach >= 4 AS cov4,
       -- 1 required: from required-only venues first (they cannot count as free), then
       -- required-and-free ones; the 2 free ones from what is left
       (c.rf + c.ro >= 1 AND c.rf - greatest(1 - c.ro, 0) + c.fo >= 2) AS covzj,
       n4.dist AS nth4, nz.dist AS nthzj
FROM c LEFT JOIN nth4 n4 ON n4.node_osm = c.osm_id LEFT JOIN nthzj nz ON nz.node_osm = c.osm_id;

\copy (SELECT osm_id, n_reach, cov4, covzj, nth4, nthzj FROM pg_points ORDER BY osm_id) TO 'pg_points.csv' CSV HEADER

CREATE TABLE diff AS
SELECT coalesce(e.vidx, p.vidx) AS vidx, coalesce(e.node_osm, p.node_osm) AS node_osm,
       e.dist AS engine, p.dist AS pgrouting,
       CASE WHEN e.vidx IS NULL THEN 'pgrouting' ELSE 'engine' END AS only
FROM (SELECT * FROM eng_dist WHERE dist <= :budget) e FULL JOIN pg_reach p USING (vidx, node_osm)
WHERE e.vidx IS NULL OR p.vidx IS NULL;
\copy (SELECT * FROM diff ORDER BY vidx, node_osm) TO 'diff.csv' CSV HEADER

-- ---- 5. the summary ----
\pset format unaligned
\pset tuples_only on
\o summary.json
SELECT json_build_object(
  'nodes', (SELECT count(*) FROM nodes),
  'edges', (SELECT count(*) FROM edges),
  'venues', (SELECT count(*) FROM venues),
  'venues_reaching', (SELECT count(*) FROM venues WHERE node_osm >= 0 AND snap_m <= :budget),
  'flags_match', (SELECT count(*) FROM venues v JOIN vflags f USING (vidx)
                  WHERE (v.required = 1) IS DISTINCT FROM f.req OR (v.free = 1) IS DISTINCT FROM f.free) = 0,
  'edge_lengths', (SELECT json_build_object(
      'checked', count(*),
      'max_abs_postgis_m', max(abs(cost - postgis)),
      'max_abs_vincenty_m', max(abs(cost - vincenty)),
      'max_rel_vincenty', max(abs(cost - vincenty) / nullif(cost, 0)),
      'zero_length', count(*) FILTER (WHERE cost = 0),
      'asymmetric', (SELECT count(*) FROM edges WHERE cost <> reverse_cost))
    FROM edge_check),
  'horizon', (SELECT json_build_object(
      'limit_m', :horizon,
      'both', count(*) FILTER (WHERE e.vidx IS NOT NULL AND p.vidx IS NOT NULL),
      'engine_only', count(*) FILTER (WHERE p.vidx IS NULL),
      'pg_only', count(*) FILTER (WHERE e.vidx IS NULL),
      'max_abs_diff_m', coalesce(max(abs(e.dist - p.dist)), 0),
      'sum_abs_diff_m', coalesce(sum(abs(e.dist - p.dist)), 0),
      'only_max_gap_to_limit_m', max(abs(:horizon - coalesce(e.dist, p.dist)))
        FILTER (WHERE e.vidx IS NULL OR p.vidx IS NULL))
    FROM eng_dist e FULL JOIN pg_dist p USING (vidx, node_osm)),
  'budget', (SELECT json_build_object(
      'limit_m', :budget,
      'pairs_engine', count(*) FILTER (WHERE e.vidx IS NOT NULL),
      'pairs_pg', count(*) FILTER (WHERE p.vidx IS NOT NULL),
      'both', count(*) FILTER (WHERE e.vidx IS NOT NULL AND p.vidx IS NOT NULL),
      'engine_only', count(*) FILTER (WHERE p.vidx IS NULL),
      'pg_only', count(*) FILTER (WHERE e.vidx IS NULL),
      'max_abs_diff_m', coalesce(max(abs(e.dist - p.dist)), 0),
      'within_1m_of_limit', count(*) FILTER (WHERE abs(:budget - coalesce(e.dist, p.dist)) < 1),
      'only_max_gap_to_limit_m', max(abs(:budget - coalesce(e.dist, p.dist)))
        FILTER (WHERE e.vidx IS NULL OR p.vidx IS NULL))
    FROM (SELECT * FROM eng_dist WHERE dist <= :budget) e FULL JOIN pg_reach p USING (vidx, node_osm)),
  'points', (SELECT json_build_object(
      'count', count(*),
      'covered_count4', count(*) FILTER (WHERE cov4),
      'covered_zj', count(*) FILTER (WHERE covzj),
      'reaching_any', count(*) FILTER (WHERE n_reach > 0))
    FROM pg_points),
  'versions', json_build_object('postgresql', current_setting('server_version'),
                                'pgrouting', pgr_version(), 'postgis', postgis_lib_version())
);
\o
