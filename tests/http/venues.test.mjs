// Venues (文化阵地) over HTTP: the directory and a venue's JSON, editing by scope, opening
// hours and "open now", import with a dry run and a per-row report, exports that Excel and
// GIS tools read, and the pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, assertError, DEMO, Client } from './lib.mjs';

describe('venues', () => {
  let srv, anon, district, city, citizen;
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    district = await loginAs(srv.base, DEMO.districtAdmin); // 东区 510402
    city = await loginAs(srv.base, DEMO.cityAdmin);
    citizen = await loginAs(srv.base, DEMO.citizen);
  });
  after(async () => {
    await srv?.stop();
  });

  it('lists the demo venues with their category, division and hours; filters by category and subtree', async () => {
    const r = await anon.get('/api/v1/venues?limit=200');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 10);
    const lib = r.json.items.find((v) => v.external_id === 'pzh-lib-city');
    assert.equal(lib.name, '攀枝花市图书馆');
    assert.equal(lib.category, 'library');
    assert.equal(lib.division, '510402');
    assert.equal(lib.division_name, '东区');
    assert.equal(lib.hours.length, 6); // Tuesday to Sunday
    assert.equal(lib.weekly_hours, 4 * 8.5 + 2 * 12);
    assert.equal(lib.meets_minimum_hours, true);
    const libs = await anon.get('/api/v1/venues?category=library');
    assert.ok(libs.json.items.length >= 4 && libs.json.items.every((v) => v.category === 'library'));
    const dq = await anon.get('/api/v1/venues?division=510402');
    assert.equal(dq.json.items.length, 4);
    assert.ok(dq.json.items.every((v) => v.division.startsWith('510402')));
    const page1 = await anon.get('/api/v1/venues?limit=3');
    assert.equal(page1.json.items.length, 3);
    const page2 = await anon.get(`/api/v1/venues?limit=3&cursor=${page1.json.next_cursor}`);
    assert.ok(page2.json.items[0].id > page1.json.items[2].id);
    assertError(await anon.get('/api/v1/venues?category=disco'), 400, 'bad_category');
    assertError(await anon.get('/api/v1/venues?near=abc'), 400, 'bad_near');
  });

  it('finds venues near a point within a radius, with their distance', async () => {
    const all = (await anon.get('/api/v1/venues?limit=200')).json.items;
    const lib = all.find((v) => v.external_id === 'pzh-lib-city');
    const r = await anon.get(`/api/v1/venues?near=${lib.lon},${lib.lat}&radius=300`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((v) => v.id === lib.id));
    for (const v of r.json.items) assert.ok(v.distance_m <= 300, JSON.stringify(v));
    const far = await anon.get(`/api/v1/venues?near=${lib.lon},${lib.lat}&radius=100000`);
    assert.equal(far.json.items.length, 10);
  });

  it('a district admin creates and edits venues of its district only; a citizen may not', async () => {
    const body = { name: '东区新型阅读空间', category: 'new_space', division: '510402002', lon: 101.71, lat: 26.57, area_m2: 260 };
    const r = await district.post('/api/v1/venues', body);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, body.name);
    assert.equal(r.json.status, 'open');
    assertError(await district.post('/api/v1/venues', { ...body, division: '510403' }), 403, 'forbidden');
    assertError(await citizen.post('/api/v1/venues', body), 403, 'forbidden');
    assertError(await anon.post('/api/v1/venues', body), 401);
    assertError(await district.post('/api/v1/venues', { ...body, category: 'disco' }), 400, 'bad_category');
    assertError(await district.post('/api/v1/venues', { ...body, lat: 91 }), 400, 'bad_location');
    const p = await district.patch(`/api/v1/venues/${r.json.id}`, { address: '炳草岗大街 8 号', grade: '2', grade_year: 2024 });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.address, '炳草岗大街 8 号');
    assert.equal(p.json.name, body.name); // unchanged members stay
    assertError(await district.patch(`/api/v1/venues/${r.json.id}`, { division: '510403' }), 403, 'forbidden');
    const xq = (await anon.get('/api/v1/venues?division=510403')).json.items[0];
    assertError(await district.patch(`/api/v1/venues/${xq.id}`, { name: 'x' }), 403, 'forbidden');
    // every change is audited
    const audit = await city.get('/api/v1/audit?object_type=venue');
    assert.ok(audit.json.items.some((e) => e.action === 'venue.update' && e.object_id === String(r.json.id)));
  });

  it('opening hours: weekly spans, an exception, open now, and the weekly minimum', async () => {
    const v = (await district.post('/api/v1/venues', { name: '时间测试站', category: 'street_station', division: '510402' })).json;
    // open all day, every day: open now whatever the clock says
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, opens: '00:00', closes: '24:00' }));
    const r = await district.put(`/api/v1/venues/${v.id}/hours`, { weekly, exceptions: [{ day: '2099-01-01', closed: true, note: '元旦' }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.open_now, true);
    assert.equal(r.json.weekly_hours, 168);
    assert.equal(r.json.exceptions[0].day, '2099-01-01');
    const open = await anon.get('/api/v1/venues?open_now=1&limit=200');
    assert.ok(open.json.items.some((x) => x.id === v.id));
    const short = await district.put(`/api/v1/venues/${v.id}/hours`, { weekly: [{ weekday: 3, opens: '09:00', closes: '12:00' }] });
    assert.equal(short.json.weekly_hours, 3);
    assert.equal(short.json.meets_minimum_hours, false);
    assertError(await district.put(`/api/v1/venues/${v.id}/hours`, { weekly: [{ weekday: 3, opens: '12:00', closes: '09:00' }] }), 400, 'bad_hours');
    assertError(await district.put(`/api/v1/venues/${v.id}/hours`, { weekly: [{ weekday: 3, opens: '9am', closes: '12:00' }] }), 400, 'bad_hours');
  });

  it('imports a broken CSV: exactly the bad rows are rejected with line and reason; the dry run changes nothing', async () => {
    const csv = [
      'external_id,name,category,division,lon,lat',
      'imp-1,大渡口文化广场,street_station,510402001,101.70,26.58',
      'imp-2,坏坐标,library,510402,101.70,100',
      'imp-3,未知区划,library,510499,101.70,26.58',
      'imp-1,重复,library,510402,101.70,26.58',
      'imp-4,西区的,library,510403,101.60,26.60',
      'imp-5,弄弄坪书屋,new_space,510402005,101.72,26.58',
    ].join('\n');
    const before1 = (await anon.get('/api/v1/venues?limit=200')).json.items.length;
    const dry = await district.request('POST', '/api/v1/venues/import?dry_run=1', { body: csv, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.json.created, 2);
    assert.equal(dry.json.rejected, 4);
    assert.deepEqual(dry.json.lines.filter((l) => l.status === 'rejected').map((l) => l.line), [3, 4, 5, 6]);
    assert.ok(dry.json.lines.every((l) => l.status !== 'rejected' || l.reason));
    assert.equal((await anon.get('/api/v1/venues?limit=200')).json.items.length, before1);
    const real = await district.request('POST', '/api/v1/venues/import', { body: csv, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(real.json.created, 2);
    assert.equal((await anon.get('/api/v1/venues?limit=200')).json.items.length, before1 + 2);
    const again = await district.request('POST', '/api/v1/venues/import', { body: csv, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(again.json.created, 0);
    assert.equal(again.json.updated, 2);
    // a GBK-encoded file is refused row by row with a reason, not stored as mojibake
    const gbk = Buffer.concat([Buffer.from('external_id,name,category,division\nimp-9,'), Buffer.from([0xb6, 0xab, 0xc7, 0xf8]), Buffer.from(',library,510402\n')]);
    const g = await district.request('POST', '/api/v1/venues/import?dry_run=1', { body: gbk, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(g.json.rejected, 1);
    assert.match(g.json.lines[0].reason, /UTF-8/);
    assertError(await citizen.request('POST', '/api/v1/venues/import', { body: csv }), 403, 'forbidden');
  });

  it('exports CSV with a BOM for Excel, and GeoJSON that re-imports as updates', async () => {
    const r = await fetch(`${srv.base}/api/v1/venues.csv?division=510402`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/csv/);
    const buf = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    assert.match(lines[0], /^external_id,name,category,division/);
    assert.ok(lines.some((l) => l.includes('攀枝花市图书馆')));
    const gj = await anon.get('/api/v1/venues.geojson');
    assert.equal(gj.status, 200);
    const doc = JSON.parse(gj.text);
    assert.equal(doc.type, 'FeatureCollection');
    const f = doc.features.find((x) => x.properties.external_id === 'pzh-lib-city');
    assert.equal(f.geometry.type, 'Point');
    assert.ok(Math.abs(f.geometry.coordinates[0] - 101.705) < 0.02); // WGS84 near 东区
    const re = await city.request('POST', '/api/v1/venues/import?format=geojson&dry_run=1', { body: gj.text });
    assert.equal(re.status, 200, re.text);
    assert.equal(re.json.created, 0);
    assert.equal(re.json.rejected, doc.features.filter((x) => !x.properties.external_id).length);
  });

  it('the directory, a venue page and the edit form render; the form saves', async () => {
    const page = await anon.get('/venues');
    assert.equal(page.status, 200);
    assert.match(page.text, /<svg[^>]*role="img"/);
    assert.match(page.text, /攀枝花市图书馆/);
    const id = (await anon.get('/api/v1/venues?limit=1')).json.items[0].id;
    const vp = await anon.get(`/venues/${id}`);
    assert.equal(vp.status, 200);
    assert.match(vp.text, /id="hours"/);
    assert.equal((await anon.get(`/venues/${id}/edit`)).status, 303); // to the login page
    const c = new Client(srv.base, { useCookie: true });
    await c.login(DEMO.cityAdmin.phone, DEMO.cityAdmin.password);
    const form = await c.get(`/venues/${id}/edit`);
    assert.equal(form.status, 200);
    const csrf = await c.csrfToken();
    const save = await c.request('POST', `/venues/${id}`, {
      body: new URLSearchParams({ _csrf: csrf, name: '攀枝花市图书馆（新馆）', division: '510402', category: 'library', lon: '101.70', lat: '26.55' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(save.status, 303, save.text);
    assert.equal((await anon.get(`/api/v1/venues/${id}`)).json.name, '攀枝花市图书馆（新馆）');
  });
});
