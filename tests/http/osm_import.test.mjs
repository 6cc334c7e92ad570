// The venue import from an OpenStreetMap extract (POST /api/v1/venues/import?format=osm) within
// its limits: only tagged nodes and the nodes of POI ways are kept, an extract with more nodes
// than venue.osm_max_nodes or more decompressed bytes than venue.osm_max_bytes is refused with
// 422 osm_too_large before anything is written (and the server's memory stays where it was),
// a malformed extract is 400 bad_osm, and one import runs at a time (503 import_busy meanwhile).
// The extracts are written by tests/http/osm_pbf.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, assertError, DEMO } from './lib.mjs';
import { osmPbf, manyNodesPbf, paddedPbf, badIndexPbf } from './osm_pbf.mjs';

const DIVISION = '510402001';
const POIS = {
  nodes: [
    { id: 1, lon: 101.718, lat: 26.58, tags: { amenity: 'library', name: '炳草岗图书馆' } },
    { id: 2, lon: 101.719, lat: 26.581 },
    { id: 3, lon: 101.72, lat: 26.582 },
    { id: 4, lon: 101.721, lat: 26.581 },
    { id: 5, lon: 101.7, lat: 26.57, tags: { tourism: 'museum', 'name:en': 'Museum' } },
    { id: 6, lon: 101.701, lat: 26.571, tags: { shop: 'bakery', name: '面包店' } },
  ],
  ways: [
    { id: 100, refs: [2, 3, 4, 2], tags: { amenity: 'theatre', name: '东区剧场' } },
    { id: 101, refs: [2, 3], tags: { highway: 'footway' } },
  ],
};

/** Peak and current resident memory of a process, in kB (Linux). */
function memory(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => +new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)[1];
  return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
}

const importOsm = (c, body, q = '') =>
  c.request('POST', `/api/v1/venues/import?format=osm&division=${DIVISION}${q}`, {
    body, headers: { 'Content-Type': 'application/octet-stream' },
  });

describe('OSM venue import limits', () => {
  let srv, vm;
  before(async () => {
    srv = await startServer();
    vm = await loginAs(srv.base, DEMO.districtAdmin);
  });
  after(async () => {
    if (srv) await srv.stop();
  });

  async function venueCount() {
    const r = await vm.get(`/api/v1/venues?division=${DIVISION}&limit=200`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.length;
  }

  it('imports the tagged nodes and the POI ways of a small extract', async () => {
    const r = await importOsm(vm, osmPbf(POIS), '&dry_run=1');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.dry_run, true);
    assert.equal(r.json.created, 3, r.text);
    const ids = r.json.lines.map((l) => l.external_id).sort();
    assert.deepEqual(ids, ['osm:node/1', 'osm:node/5', 'osm:way/100']);
  });

  it('8 million nodes in 24 KB: 422 osm_too_large, nothing written, memory flat', async () => {
    const before = await venueCount();
    const bomb = manyNodesPbf(8_000_000, { pois: POIS.nodes.slice(0, 1) });
    assert.ok(bomb.length < 64 * 1024, `a small upload (${bomb.length} bytes)`);
    const m0 = memory(srv.proc.pid);
    const t0 = Date.now();
    const r = await importOsm(vm, bomb);
    const ms = Date.now() - t0;
    assertError(r, 422, 'osm_too_large');
    assert.match(r.json.error.message, /osm_max_nodes|节点/);
    const m1 = memory(srv.proc.pid);
    // the old loader kept 16 bytes for every node read (and doubled its array): 128-256 MB
    assert.ok(m1.hwm - m0.rss < 64 * 1024,
              `peak memory grew by ${m1.hwm - m0.rss} kB (rss before ${m0.rss} kB, peak after ${m1.hwm} kB)`);
    // a stall would show here; how fast is for bench/, not for a test on a loaded machine
    assert.ok(ms < 60000, `refused in ${ms} ms`);
    assert.equal(await venueCount(), before, 'nothing written');
  });

  it('more decompressed bytes than venue.osm_max_bytes: 422 osm_too_large', async () => {
    // 300 blocks of 1 MiB each (300 MiB once inflated, about 300 KB on the wire)
    const bomb = paddedPbf(300, 1 << 20, POIS);
    assert.ok(bomb.length < 1 << 20, `${bomb.length} bytes`);
    const before = await venueCount();
    assertError(await importOsm(vm, bomb), 422, 'osm_too_large');
    assert.equal(await venueCount(), before);
  });

  it('a malformed extract is 400 bad_osm, not a crash', async () => {
    // a way whose key is string 100,000,000 of a table of two (libreadosm read past its table)
    const good = osmPbf(POIS);
    for (const body of [badIndexPbf(), Buffer.from('not an extract'), good.subarray(0, good.length - 9),
                        Buffer.from('<osm><node id="1" lat="95" lon="1"/></osm>')]) {
      assertError(await importOsm(vm, body, '&dry_run=1'), 400, 'bad_osm');
    }
    const r = await vm.get('/healthz');
    assert.equal(r.status, 200);
  });

  it('one import at a time: the others meanwhile get 503 import_busy with Retry-After', async () => {
    // each of these inflates 250 MiB twice (a POI way makes a second pass): long enough to overlap
    const heavy = paddedPbf(250, 1 << 20, POIS);
    const rs = await Promise.all([1, 2, 3, 4].map(() => importOsm(vm, heavy, '&dry_run=1')));
    const busy = rs.filter((r) => r.status === 503);
    const ok = rs.filter((r) => r.status === 200);
    assert.ok(ok.length >= 1, rs.map((r) => r.status).join(' '));
    assert.ok(busy.length >= 1, `some import was refused while another ran: ${rs.map((r) => r.status).join(' ')}`);
    for (const r of busy) {
      assertError(r, 503, 'import_busy');
      assert.ok(+r.headers.get('retry-after') > 0);
    }
    assert.equal(ok.length + busy.length, 4);
  });

  it('a citizen may not import', async () => {
    const citizen = await loginAs(srv.base, DEMO.citizen);
    assertError(await importOsm(citizen, osmPbf(POIS)), 403, 'forbidden');
  });
});
