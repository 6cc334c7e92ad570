-- bench/circle.sh: load one exported graph (tests/geo/export_graph.c: nodes.csv, edges.csv,
-- venues.csv in the current directory) into the current database for pgRouting.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE; -- pgRouting 3.4 requires PostGIS
DROP TABLE IF EXISTS nodes, edges, venues;
CREATE TABLE nodes (idx int, osm_id bigint PRIMARY KEY, lon float8, lat float8);
CREATE TABLE edges (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL,
                    cost float8 NOT NULL, reverse_cost float8 NOT NULL);
CREATE TABLE venues (vidx int PRIMARY KEY, id text, category text, required int, free int,
                     lon float8, lat float8, node_idx bigint, node_osm bigint, snap_m float8);
\copy nodes FROM 'nodes.csv' CSV HEADER
\copy edges FROM 'edges.csv' CSV HEADER
\copy venues FROM 'venues.csv' CSV HEADER
-- the Zhejiang flags from the category, as the plans define them
ALTER TABLE venues
  ADD COLUMN is_req bool GENERATED ALWAYS AS
    (category IN ('library', 'cultural_centre', 'town_station', 'village_centre')) STORED,
  ADD COLUMN is_free bool GENERATED ALWAYS AS (category NOT IN ('theatre', 'cinema', 'other')) STORED;
VACUUM ANALYZE nodes;
VACUUM ANALYZE edges;
VACUUM ANALYZE venues;
