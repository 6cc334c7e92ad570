// Named circles over HTTP: a planner (here a district admin, who holds circles_plan over the
// district) designates an area or a division's boundary, wenyun checks it with the circle
// analysis (radius mode: the test server loads no walking network), and checks it again when
// the venues change; everyone may list them; others are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, assertError, DEMO, Client } from './lib.mjs';

// a square of half-side h degrees around (x, y): a place far from the demo's venues
const square = (x, y, h) => ({
  type: 'Polygon',
  coordinates: [[[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]],
});
const X = 101.52, Y = 26.71;

describe('named circles', () => {
  let srv, anon, district, citizen, west;

  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    district = await loginAs(srv.base, DEMO.districtAdmin); // 东区 510402
    citizen = await loginAs(srv.base, DEMO.citizen);
    const city = await loginAs(srv.base, DEMO.cityAdmin);
    const r = await city.post('/api/v1/accounts', {
      phone: '13912340012', password: 'West2026adm', name: '西区规划', role: 'district_admin', division: '510403',
    });
    assert.equal(r.status, 201, r.text);
    west = await loginAs(srv.base, { phone: '13912340012', password: 'West2026adm' });
  });
  after(async () => {
    await srv?.stop();
  });

  const venue = async (i) => {
    const r = await district.post('/api/v1/venues', {
      name: `社区文化空间${i}`, category: 'new_space', division: '510402001', address: '测试路',
      lon: X + 0.001 * i, lat: Y,
    });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };

  it('checks an area against its rule, and again when the venues change', async () => {
    for (let i = 0; i < 3; i++) await venue(i);
    const body = { name: '测试社区', division: '510402001', kind: 'area', geojson: square(X, Y, 0.01) };
    const r = await district.post('/api/v1/circles/named', body);
    assert.equal(r.status, 201, r.text);
    const c = r.json;
    assert.equal(r.headers.get('location'), `/api/v1/circles/named/${c.id}`);
    assert.equal(c.rule, 'count:4');
    assert.equal(c.minutes, 15);
    assert.equal(c.passed, false);
    assert.equal(c.reached, 3);
    assert.equal(c.mode, 'radius');
    assert.deepEqual(c.geojson, body.geojson);
    assert.ok(Math.abs(c.lon - X) < 1e-6 && Math.abs(c.lat - Y) < 1e-6, 'the centroid');
    assert.match(c.checked_at, /\+08:00$/);

    await venue(3);
    const again = await district.post(`/api/v1/circles/named/${c.id}/check`, {});
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.passed, true);
    assert.equal(again.json.reached, 4);

    const one = await anon.get(`/api/v1/circles/named/${c.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.passed, true);
    const list = await anon.get('/api/v1/circles/named?division=510402');
    assert.equal(list.status, 200);
    assert.ok(list.json.items.some((x) => x.id === c.id));
    const elsewhere = await anon.get('/api/v1/circles/named?division=510403');
    assert.ok(!elsewhere.json.items.some((x) => x.id === c.id));
  });

  it('takes a division\'s boundary, and refuses a division without one', async () => {
    const r = await district.post('/api/v1/circles/named', { name: '东区', division: '510402', kind: 'division', rule: 'count:1' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'division');
    assert.equal(r.json.geojson, undefined);
    assert.equal(typeof r.json.passed, 'boolean');
    assert.equal(typeof r.json.lon, 'number');
    const none = await district.post('/api/v1/circles/named', { name: '街道', division: '510402001', kind: 'division' });
    assertError(none, 422, 'no_boundary');
  });

  it('refuses bad input', async () => {
    const base = { name: '测试', division: '510402001', geojson: square(X, Y, 0.01) };
    assertError(await district.post('/api/v1/circles/named', { ...base, geojson: { type: 'Point', coordinates: [X, Y] } }), 400, 'bad_geojson');
    assertError(await district.post('/api/v1/circles/named', { ...base, rule: 'most:4' }), 400, 'bad_rule');
    assertError(await district.post('/api/v1/circles/named', { ...base, minutes: 500 }), 400, 'bad_minutes');
    assertError(await district.post('/api/v1/circles/named', { ...base, kind: 'town' }), 400, 'bad_kind');
    assertError(await district.post('/api/v1/circles/named', { ...base, lon: X }), 400, 'bad_centre');
    assertError(await district.post('/api/v1/circles/named', { ...base, name: '' }), 400, 'bad_name');
    assertError(await district.post('/api/v1/circles/named', { ...base, division: '999999' }), 400, 'bad_division');
    assertError(await anon.get('/api/v1/circles/named/999999'), 404, 'not_found');
  });

  it('is planners\' work over their own area', async () => {
    const body = { name: '测试', division: '510402001', geojson: square(X, Y, 0.01) };
    assert.equal((await anon.post('/api/v1/circles/named', body)).status, 401);
    assert.equal((await citizen.post('/api/v1/circles/named', body)).status, 403);
    assert.equal((await west.post('/api/v1/circles/named', body)).status, 403);
    const mine = await west.post('/api/v1/circles/named', { ...body, division: '510403' });
    assert.equal(mine.status, 201, mine.text);
    const c = (await district.post('/api/v1/circles/named', body)).json;
    assert.equal((await west.post(`/api/v1/circles/named/${c.id}/check`, {})).status, 403);
    assert.equal((await citizen.post(`/api/v1/circles/named/${c.id}/check`, {})).status, 403);
  });
});
