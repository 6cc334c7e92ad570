// The division tree of the demo: 攀枝花市 (5104), from the national statistical codes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, assertError } from './lib.mjs';

const COUNTIES = [
  ['510402', '东区', 412800],
  ['510403', '西区', 129400],
  ['510411', '仁和区', 266700],
  ['510421', '米易县', 227700],
  ['510422', '盐边县', 179400],
];

describe('GET /api/v1/divisions/{code}', () => {
  let srv, c;
  before(async () => {
    srv = await startServer();
    c = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  for (const code of ['5104', '510400000000', '510400']) {
    it(`${code}: 攀枝花市 with its five county-level children`, async () => {
      const r = await c.get(`/api/v1/divisions/${code}`);
      assert.equal(r.status, 200, r.text);
      assert.match(r.headers.get('content-type'), /^application\/json/);
      const d = r.json;
      assert.equal(d.code, '5104');
      assert.equal(d.code12, '510400000000');
      assert.equal(d.name, '攀枝花市');
      assert.equal(d.level, 'city');
      assert.equal(d.parent, '51');
      assert.deepEqual(
        d.children.map((ch) => [ch.code, ch.name]),
        COUNTIES.map(([k, n]) => [k, n]),
      );
      for (const ch of d.children) assert.equal(ch.level, 'county');
      // the city's population (7th census), with where the figure comes from
      assert.ok(d.population.length >= 1, r.text);
      const census = d.population.find((p) => p.year === 2020);
      assert.ok(census, r.text);
      assert.equal(census.persons, 1212200);
      assert.match(census.metric, /census/);
      assert.ok(census.source && census.source.length > 5, 'a population figure names its source');
    });
  }

  it('the province above is loaded too (四川省 51)', async () => {
    const r = await c.get('/api/v1/divisions/51');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, '四川省');
    assert.equal(r.json.level, 'province');
    assert.ok(r.json.children.some((ch) => ch.code === '5104' && ch.name === '攀枝花市'));
  });

  for (const [code, name, persons] of COUNTIES) {
    it(`${code} ${name}: a county of 5104 with its towns and its 2022 population`, async () => {
      const r = await c.get(`/api/v1/divisions/${code}000000`);
      assert.equal(r.status, 200, r.text);
      const d = r.json;
      assert.equal(d.code, code);
      assert.equal(d.name, name);
      assert.equal(d.level, 'county');
      assert.equal(d.parent, '5104');
      assert.ok(d.children.length > 0);
      for (const ch of d.children) {
        assert.equal(ch.level, 'town');
        assert.equal(ch.code.length, 9);
        assert.ok(ch.code.startsWith(code));
      }
      const p = d.population.find((x) => x.year === 2022);
      assert.ok(p, r.text);
      assert.equal(p.persons, persons);
      assert.match(p.source, /^https?:\/\//);
    });
  }

  it('a town and a village (community): levels, parents, no children below villages', async () => {
    const town = await c.get('/api/v1/divisions/510402001');
    assert.equal(town.status, 200, town.text);
    assert.equal(town.json.name, '大渡口街道');
    assert.equal(town.json.level, 'town');
    assert.equal(town.json.parent, '510402');
    assert.ok(town.json.children.length > 0);
    const v = town.json.children[0];
    assert.equal(v.level, 'village');

    const village = await c.get(`/api/v1/divisions/${v.code}`);
    assert.equal(village.status, 200, village.text);
    assert.equal(village.json.code, v.code);
    assert.equal(village.json.code12, v.code);
    assert.equal(village.json.name, v.name);
    assert.equal(village.json.level, 'village');
    assert.equal(village.json.parent, '510402001');
    assert.deepEqual(village.json.children, []);
  });

  it('walks the whole tree: five counties, their towns, and 336 villages and communities', async () => {
    let towns = 0;
    let villages = 0;
    for (const [code] of COUNTIES) {
      const county = (await c.get(`/api/v1/divisions/${code}`)).json;
      for (const t of county.children) {
        towns++;
        const tr = await c.get(`/api/v1/divisions/${t.code}`);
        assert.equal(tr.status, 200);
        assert.equal(tr.json.parent, code);
        for (const vv of tr.json.children) {
          assert.equal(vv.level, 'village');
          assert.ok(vv.code.startsWith(t.code));
          villages++;
        }
      }
    }
    assert.ok(towns >= 40, `towns: ${towns}`);
    assert.equal(villages, 336);
  });

  it('a malformed code is 400 bad_division', async () => {
    for (const bad of ['abc', '51040', '5104x', '1234567', '5104000000001', '00', '000000000000', '-5104']) {
      const r = await c.get(`/api/v1/divisions/${encodeURIComponent(bad)}`);
      assertError(r, 400, 'bad_division', `code ${bad}:`);
    }
  });

  it('an unknown code is 404', async () => {
    for (const unknown of ['5105', '510499', '510402999', '510402001999', '99']) {
      const r = await c.get(`/api/v1/divisions/${unknown}`);
      assertError(r, 404, 'division_not_found', `code ${unknown}:`);
    }
  });

  it('divisions are public: no login needed, and POST is 405', async () => {
    const r = await c.post('/api/v1/divisions/5104', {});
    assertError(r, 405, 'method_not_allowed');
    assert.equal(r.headers.get('allow'), 'GET');
  });
});
