// The circle engine against an independent engine: PostgreSQL + pgRouting on the same graph.
//
// For Monaco and Andorra (data/osm/), with the extracts' own POIs as venues and again with a
// denser synthetic venue set (every category, some venues off the network), this test
//   1. exports the walking graph exactly as the engine builds it (tests/geo/export_graph.c:
//      nodes, edges with the engine's geodesic lengths, venues with their snapped node and
//      snap offset, and the engine's own bounded Dijkstra distances from every venue);
//   2. loads it into a fresh database on the fixture server (WY_TEST_PG_HOST) and runs
//      tests/geo/pgrouting.sql: edge lengths measured again with PostGIS (geography, spheroid)
//      and with a plpgsql Vincenty; pgr_drivingDistance from every venue's node (undirected),
//      once per venue bounded by the budget minus its snap offset, and once multi-source up to
//      the horizon; the per-point counts and the count:4 and zj rules written in SQL;
//   3. runs `wenyun circle --osm FILE --json` (default rule count:4, and --rule zj) and compares
//      every demand point (every network node) with what pgRouting says.
// Asserted: edge lengths within 1 cm of both references; for every (venue, node) pair reached
// within the budget (and within the horizon), |d_pg - d_engine| < 1 m and the same pairs on
// both sides (a pair may only differ when it lies within 1e-6 m of the limit, float rounding);
// for every point the same reachable-venue count, hence the same verdict under count:4 and zj,
// and the same distance to the N-th nearest counted venue (within 1 m). The figures are kept in
// $WY_BUILD_DIR/artifacts/geo-pgrouting.json.
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE_DIR = process.env.WY_SOURCE_DIR || resolve(here, '../..');
const BUILD_DIR = process.env.WY_BUILD_DIR || join(SOURCE_DIR, 'build');
let BIN = process.env.WY_BIN || join(BUILD_DIR, 'wenyun');
let EXPORT = process.env.WY_EXPORT_GRAPH || join(BUILD_DIR, 'geo_export_graph');
const PG = process.env.WY_TEST_PG_HOST;
const SQL = join(here, 'pgrouting.sql');

const BUDGET = 4.5 * 1000 / 60 * 15; // 1125 m: 15 minutes at 4.5 km/h, the engine's default
const HORIZON = 2 * BUDGET; // how far the engine searches for the N-th nearest venue
const ROUNDING = 1e-6; // metres: a pair this close to a limit may fall either side

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 300000, ...opts });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function psql(db, args, opts = {}) {
  return run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', PG, '-U', 'postgres', '-d', db, ...args], opts);
}

function readCsv(path) {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length);
  const head = lines.shift().split(',');
  return lines.map((l) => {
    const f = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, f[i]]));
  });
}

// A deterministic venue set over the network: n venues near random nodes (up to ~80 m off),
// categories cycling through all of them, plus two off the network: one farther than the
// budget but within the horizon, one beyond the horizon.
const CATEGORIES = ['library', 'cultural_centre', 'museum', 'art_gallery', 'theatre', 'town_station',
  'village_centre', 'new_space', 'street_station', 'rural_stage', 'heritage_workshop', 'cinema', 'other'];
function syntheticVenues(nodes, n, seed) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const rows = ['id,name,lon,lat,category'];
  let maxLat = -90, lonAtMax = 0;
  for (const q of nodes) if (+q.lat > maxLat) { maxLat = +q.lat; lonAtMax = +q.lon; }
  for (let i = 0; i < n; i++) {
    const q = nodes[Math.floor(rnd() * nodes.length)];
    const ang = rnd() * 2 * Math.PI, r = rnd() * 80;
    const lat = +q.lat + (r * Math.sin(ang)) / 111132;
    const lon = +q.lon + (r * Math.cos(ang)) / (111320 * Math.cos((+q.lat * Math.PI) / 180));
    rows.push(`s${i},synthetic ${i},${lon.toFixed(7)},${lat.toFixed(7)},${CATEGORIES[i % CATEGORIES.length]}`);
  }
  // due north of the northernmost node: ~1.5 km (snap > budget, < horizon) and ~5 km
  rows.push(`far1,far 1,${lonAtMax.toFixed(7)},${(maxLat + 1500 / 111132).toFixed(7)},library`);
  rows.push(`far2,far 2,${lonAtMax.toFixed(7)},${(maxLat + 5000 / 111132).toFixed(7)},museum`);
  return rows.join('\n') + '\n';
}

const results = {};
const dbs = [];
let work;

function compareCase(name, pbf, venuesFile) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  // postgres (the fixture server's user, when run as root) reads nothing here: psql's \copy
  // reads and writes these files client side
  const vargs = venuesFile ? ['--venues', venuesFile] : [];
  run(EXPORT, [pbf, dir, ...vargs, '--budget', String(BUDGET), '--limit', String(HORIZON)]);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));

  const db = `wygeo_${process.pid}_${name.replace(/[^a-z0-9]/g, '_')}`;
  psql('postgres', ['-c', `DROP DATABASE IF EXISTS ${db}`, '-c', `CREATE DATABASE ${db}`]);
  dbs.push(db);
  const t0 = Date.now();
  psql(db, ['-v', `budget=${BUDGET}`, '-v', `horizon=${HORIZON}`, '-f', SQL], { cwd: dir });
  const pgSeconds = (Date.now() - t0) / 1000;
  const sum = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

  // the engine's own report, as users get it
  const cli = (rule) =>
    JSON.parse(run(BIN, ['circle', '--osm', pbf, '--json', '--quiet', ...vargs, ...(rule ? ['--rule', rule] : [])]));
  const c4 = cli(null);
  const czj = cli('zj');

  // --- the graph and the venues are the engine's ---
  assert.equal(sum.nodes, meta.nodes);
  assert.equal(sum.edges, meta.edges);
  assert.equal(c4.graph.nodes, meta.nodes, 'the CLI builds the graph the exporter wrote');
  assert.equal(c4.graph.edges, meta.edges);
  assert.equal(c4.venues.count, meta.venues);
  const venues = readCsv(join(dir, 'venues.csv'));
  assert.equal(c4.venues.list.length, venues.length);
  for (let i = 0; i < venues.length; i++) {
    const a = c4.venues.list[i], b = venues[i];
    assert.equal(String(a.osm_node), b.node_osm, `venue ${b.id}: same snapped node in the CLI`);
    assert.ok(Math.abs(a.snap_m - +b.snap_m) < 0.006, `venue ${b.id}: snap ${a.snap_m} vs ${b.snap_m}`);
  }
  assert.ok(sum.flags_match, 'required/free flags as the plans define them');

  // --- edge lengths: PostGIS and Vincenty agree with the engine within 1 cm ---
  const el = sum.edge_lengths;
  assert.equal(el.checked, meta.edges, 'every edge measured');
  assert.equal(el.asymmetric, 0);
  assert.ok(el.max_abs_postgis_m < 0.01, `PostGIS: max |diff| ${el.max_abs_postgis_m} m`);
  assert.ok(el.max_abs_vincenty_m < 0.01, `Vincenty: max |diff| ${el.max_abs_vincenty_m} m`);

  // --- distances: every pair within the budget, then within the horizon ---
  for (const k of ['budget', 'horizon']) {
    const s = sum[k];
    assert.ok(s.both > 0, `${k}: something reached`);
    assert.ok(s.max_abs_diff_m < 1, `${k}: max |d_pg - d_engine| = ${s.max_abs_diff_m} m`);
    const only = s.engine_only + s.pg_only;
    if (only)
      assert.ok(s.only_max_gap_to_limit_m < ROUNDING,
        `${k}: ${s.engine_only} pairs only the engine reaches, ${s.pg_only} only pgRouting, ` +
        `up to ${s.only_max_gap_to_limit_m} m from the ${s.limit_m} m limit (see ${dir}/diff.csv)`);
  }
  assert.equal(sum.horizon.both + sum.horizon.engine_only, meta.dist_rows);

  // --- every demand point: count, verdicts, N-th nearest ---
  const pgp = new Map(readCsv(join(dir, 'pg_points.csv')).map((r) => [r.osm_id, r]));
  assert.equal(c4.points.length, meta.nodes, 'every network node is a demand point');
  assert.equal(czj.points.length, meta.nodes);
  let maxNth = 0, nthCompared = 0, covered4 = 0, coveredZj = 0;
  const bad = [];
  for (let i = 0; i < c4.points.length; i++) {
    const a = c4.points[i], z = czj.points[i];
    assert.equal(a.osm_node, z.osm_node);
    const p = pgp.get(String(a.osm_node));
    assert.ok(p, `point ${a.osm_node} is a node pgRouting knows`);
    const cnt = +p.n_reach, cov4 = p.cov4 === 't', covzj = p.covzj === 't';
    if (a.venues !== cnt || z.venues !== cnt || a.covered !== cov4 || z.covered !== covzj)
      bad.push(`${a.osm_node}: engine ${a.venues} venues (count:4 ${a.covered}, zj ${z.covered}), ` +
        `pgRouting ${cnt} (count:4 ${cov4}, zj ${covzj})`);
    covered4 += a.covered; coveredZj += z.covered;
    for (const [pt, want] of [[a, p.nth4], [z, p.nthzj]]) {
      if (pt.nth_m === null || want === '') {
        if (!(pt.nth_m === null && want === ''))
          bad.push(`${a.osm_node}: N-th nearest ${pt.nth_m} (engine) vs ${want || 'none'} (pgRouting)`);
        continue;
      }
      const d = Math.abs(pt.nth_m - +want);
      maxNth = Math.max(maxNth, d);
      nthCompared++;
      if (d >= 1) bad.push(`${a.osm_node}: N-th nearest ${pt.nth_m} (engine) vs ${want} (pgRouting)`);
    }
  }
  assert.equal(bad.length, 0, `${bad.length} points disagree:\n${bad.slice(0, 20).join('\n')}`);
  assert.equal(covered4, sum.points.covered_count4);
  assert.equal(coveredZj, sum.points.covered_zj);
  assert.equal(c4.coverage.covered_points, sum.points.covered_count4);
  assert.equal(czj.coverage.covered_points, sum.points.covered_zj);

  results[name] = {
    osm: pbf.replace(SOURCE_DIR + '/', ''),
    venues: venuesFile ? 'synthetic' : 'osm',
    nodes: meta.nodes, edges: meta.edges, n_venues: meta.venues,
    venues_reaching: sum.venues_reaching,
    edge_lengths: el,
    budget: sum.budget, horizon: sum.horizon,
    points_compared: c4.points.length,
    covered_count4: covered4, covered_zj: coveredZj,
    nth_compared: nthCompared, nth_max_abs_diff_m: maxNth,
    pg_seconds: pgSeconds,
    versions: sum.versions,
  };
  return results[name];
}

describe('circle reach: the engine against pgRouting on the same graph',
  { skip: !PG && 'needs PostgreSQL with pgRouting (WY_TEST_PG_HOST)' }, () => {
    before(() => {
      assert.ok(existsSync(EXPORT), `${EXPORT} is built`);
      work = mkdtempSync(join(tmpdir(), 'wenyun-geo-'));
      // run copies, so that a rebuild while the test runs cannot swap the binaries mid-way
      for (const [b, set] of [[BIN, (p) => (BIN = p)], [EXPORT, (p) => (EXPORT = p)]]) {
        const p = join(work, basename(b));
        copyFileSync(b, p);
        chmodSync(p, 0o755);
        set(p);
      }
    });
    after(() => {
      for (const db of dbs)
        spawnSync('psql', ['-X', '-q', '-h', PG, '-U', 'postgres', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${db}`]);
      if (work && !process.env.WY_KEEP_TMP) rmSync(work, { recursive: true, force: true });
      if (Object.keys(results).length) {
        const out = join(BUILD_DIR, 'artifacts');
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'geo-pgrouting.json'), JSON.stringify(results, null, 2) + '\n');
      }
    });

    for (const area of ['monaco', 'andorra']) {
      const pbf = join(SOURCE_DIR, 'data', 'osm', `${area}.osm.pbf`);
      test(`${area}: the extract's own POIs as venues`, (t) => {
        const r = compareCase(`${area}-osm`, pbf, null);
        t.diagnostic(JSON.stringify({ budget: r.budget, covered: [r.covered_count4, r.covered_zj] }));
      });
      test(`${area}: 150 synthetic venues of every category, two off the network`, (t) => {
        const nodes = readCsv(join(work, `${area}-osm`, 'nodes.csv'));
        const file = join(work, `${area}-venues.csv`);
        writeFileSync(file, syntheticVenues(nodes, 150, area === 'monaco' ? 4501 : 1125));
        const r = compareCase(`${area}-synthetic`, pbf, file);
        assert.equal(r.n_venues, 152);
        assert.equal(r.venues_reaching, 150, 'the two far venues reach nothing');
        t.diagnostic(JSON.stringify({ budget: r.budget, covered: [r.covered_count4, r.covered_zj] }));
      });
    }
  });
