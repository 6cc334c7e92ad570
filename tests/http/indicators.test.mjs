// Indicators against the plans' targets over HTTP (docs/indicators.md): the contract's fields,
// empty data, a division without a population figure, a period without a target, targets and
// reported values by scope, evidence and corrections, the records behind a value, and the
// CSV and JSON exports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, assertError, DEMO, Client } from './lib.mjs';

const CONTRACT = ['code', 'name', 'unit', 'attribute', 'source', 'value', 'target', 'baseline', 'status', 'computed_at'];
const STATUSES = ['met', 'on_track', 'behind', 'no_data'];
// the year of the server's clock in China time
const YEAR = String(new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear());

describe('indicators', () => {
  let srv, anon, district, city, citizen;
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    district = await loginAs(srv.base, DEMO.districtAdmin); // 东区 510402
    city = await loginAs(srv.base, DEMO.cityAdmin); // 5104
    citizen = await loginAs(srv.base, DEMO.citizen);
  });
  after(async () => {
    await srv?.stop();
  });

  const list = async (c, q) => {
    const r = await c.get(`/api/v1/indicators?${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const byCode = (items, code) => items.find((i) => i.code === code);

  it('answers with the contract\'s fields for the city and the year, published ones to anyone', async () => {
    const t0 = Date.now();
    const items = await list(anon, `division=5104&period=${YEAR}`);
    const ms = Date.now() - t0;
    console.log(`# GET /api/v1/indicators for the demo city-year: ${items.length} indicators in ${ms} ms`);
    assert.ok(items.length >= 25);
    for (const i of items) {
      for (const k of CONTRACT) assert.ok(k in i, `${i.code} lacks ${k}`);
      assert.ok(STATUSES.includes(i.status), i.status);
      assert.ok(['computed', 'reported'].includes(i.source));
      assert.ok(i.attribute === null || ['binding', 'expected'].includes(i.attribute));
      assert.equal(i.public, true);
    }
    const venues = byCode(items, 'venues.count');
    assert.equal(venues.source, 'computed');
    assert.equal(venues.value, 10); // the demo's venues
    assert.equal(venues.target, 14); // the demo's target, from 8 the year before
    assert.equal(venues.baseline, 8);
    assert.ok(['met', 'on_track', 'behind'].includes(venues.status));
    assert.match(venues.computed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    assert.equal(typeof venues.projected, 'number');
    const troupes = byCode(items, 'troupes.grassroots');
    assert.equal(troupes.source, 'reported');
    assert.equal(troupes.value, 128);
    assert.equal(troupes.target, 150);
    // a computed indicator no module computes yet: no data, not an error
    const none = items.find((i) => i.source === 'computed' && i.provided === false);
    if (none) {
      assert.equal(none.value, null);
      assert.equal(none.status, 'no_data');
      assert.equal(none.computed_at, null);
    }
    // the utilisation figures are not published: staff see them
    assert.equal(byCode(items, 'occupancy.sessions'), undefined);
    const staff = await list(city, `division=5104&period=${YEAR}`);
    assert.ok(byCode(staff, 'occupancy.sessions'));
    assert.equal(byCode(staff, 'occupancy.sessions').public, false);
    // a district admin of 东区 sees them for its district, not for the city
    assert.ok(byCode(await list(district, `division=510402&period=${YEAR}`), 'occupancy.sessions'));
    assert.equal(byCode(await list(district, `division=5104&period=${YEAR}`), 'occupancy.sessions'), undefined);
  });

  it('empty data, a period without a target, a quarter and a month', async () => {
    const old = await list(anon, 'division=5104&period=1990');
    const v = byCode(old, 'venues.count');
    assert.equal(v.value, 0); // no venue existed yet
    assert.equal(v.target, null);
    assert.equal(v.status, 'no_data');
    assert.equal(byCode(old, 'troupes.grassroots').value, null);
    const later = byCode(await list(anon, 'division=5104&period=2031'), 'venues.count');
    assert.equal(later.target, null);
    assert.equal(later.status, 'no_data');
    assert.equal(later.value, 10);
    assert.equal(byCode(await list(anon, `division=5104&period=${YEAR}-Q1`), 'venues.count').period, `${YEAR}-Q1`);
    assert.equal(byCode(await list(anon, `division=5104&period=${YEAR}-03`), 'venues.count').period, `${YEAR}-03`);
    const series = await anon.get(`/api/v1/indicators/venues.count/series?division=5104&from=${YEAR - 2}&to=${YEAR}`);
    assert.equal(series.status, 200, series.text);
    assert.deepEqual(series.json.items.map((i) => i.period), [String(YEAR - 2), String(YEAR - 1), YEAR]);
    assertError(await anon.get(`/api/v1/indicators/venues.count/series?division=5104&from=${YEAR}&to=${YEAR}-Q1`), 400, 'bad_period');
  });

  it('a division without a population figure: per-resident indicators show no data', async () => {
    const d = await anon.get('/api/v1/divisions/510402001');
    assert.equal(d.status, 200, d.text);
    const items = await list(anon, `division=510402001&period=${YEAR}`);
    assert.ok(items.length > 0);
    // 510402001 is a town: venues.area_per_10k applies to cities and counties only
    assert.equal(byCode(items, 'venues.area_per_10k'), undefined);
    const county = await list(anon, `division=510421&period=${YEAR}`);
    const area = byCode(county, 'venues.area_per_10k');
    assert.ok(area);
    if (!(d.json.population || []).length || area.provided === false) {
      assert.equal(area.status, 'no_data');
    }
  });

  it('refuses bad input with clear errors', async () => {
    assertError(await anon.get(`/api/v1/indicators?division=5104&period=${YEAR}-13`), 400, 'bad_period');
    assertError(await anon.get('/api/v1/indicators?division=5104'), 400, 'bad_period');
    assertError(await anon.get(`/api/v1/indicators?period=${YEAR}`), 400, 'bad_division');
    assertError(await anon.get(`/api/v1/indicators?division=5199&period=${YEAR}`), 404, 'unknown_division');
    assertError(await anon.get(`/api/v1/indicators/no.such/records?division=5104&period=${YEAR}`), 404, 'unknown_indicator');
    assertError(await anon.get(`/api/v1/indicators/troupes.grassroots/records?division=5104&period=${YEAR}`), 422, 'no_records');
    assertError(await anon.get('/api/v1/indicators/venues.count/records?division=5104&period=20x6'), 400, 'bad_period');
    assertError(await anon.get('/api/v1/indicators/no.such'), 404, 'unknown_indicator');
    const def = await anon.get('/api/v1/indicators/venues.area_per_10k');
    assert.equal(def.status, 200, def.text);
    assert.match(def.json.flag, /5,000/);
    assert.equal(def.json.plans, 'changzhi,cixi');
  });

  it('targets: set by an admin within scope, audited, and judged against', async () => {
    const body = { division: '510402', period: '2031', target: 9, baseline_year: 2030, baseline: 2 };
    assertError(await anon.put('/api/v1/indicators/venues.count/targets', body), 401);
    assertError(await citizen.put('/api/v1/indicators/venues.count/targets', body), 403);
    assertError(await district.put('/api/v1/indicators/venues.count/targets', { ...body, division: '510403' }), 403);
    assertError(await district.put('/api/v1/indicators/venues.count/targets', { ...body, target: 'nine' }), 400, 'bad_field');
    assertError(await district.put('/api/v1/indicators/venues.count/targets', { ...body, period: '2031-Q5' }), 400, 'bad_period');
    const r = await district.put('/api/v1/indicators/venues.count/targets', body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.target, 9);
    assert.equal(r.json.baseline_year, 2030);
    const v = byCode(await list(anon, 'division=510402&period=2031'), 'venues.count');
    assert.equal(v.target, 9);
    assert.equal(v.baseline, 2);
    assert.equal(v.target_period, '2031');
    assert.ok(['met', 'on_track', 'behind'].includes(v.status));
    const ts = await anon.get('/api/v1/indicators/venues.count/targets?division=510402');
    assert.ok(ts.json.items.some((t) => t.period === '2031' && t.target === 9));
    const audit = await district.get('/api/v1/audit?division=510402');
    assert.equal(audit.status, 200, audit.text);
    assert.ok(audit.json.items.some((e) => e.action === 'indicator.target'), audit.text);
    // recomputing is for managers
    assertError(await anon.get(`/api/v1/indicators?division=510402&period=${YEAR}&recompute=1`), 401);
    assertError(await citizen.get(`/api/v1/indicators?division=510402&period=${YEAR}&recompute=1`), 403);
    assert.equal((await district.get(`/api/v1/indicators?division=510402&period=${YEAR}&recompute=1`)).status, 200);
  });

  it('reported values: entered with evidence, corrected by a new record, the history kept', async () => {
    const url = '/api/v1/indicators/troupes.grassroots/reports';
    assertError(await citizen.post(url, { division: '510402', period: YEAR, value: 1 }), 403);
    assertError(await district.post(url, { division: '510403', period: YEAR, value: 1 }), 403);
    assertError(await district.post('/api/v1/indicators/venues.count/reports', { division: '510402', period: YEAR, value: 1 }), 422, 'not_reported');
    assertError(await district.post(url, { division: '510402', period: `${YEAR}-Q1`, value: 1 }), 400, 'wrong_period_kind');
    const first = await district.post(url, { division: '510402', period: YEAR, value: 30, note: '首次报送' });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.supersedes, null);
    // a correction, as a multipart form with its evidence
    const form = new FormData();
    form.append('division', '510402');
    form.append('period', YEAR);
    form.append('value', '33');
    form.append('note', '更正：补报三支队伍');
    const pdf = Buffer.from('%PDF-1.4 东区群文队伍名单 \u0000\u0001');
    form.append('evidence', new Blob([pdf], { type: 'application/pdf' }), '东区群文队伍名单.pdf');
    const second = await district.request('POST', url, { body: form });
    assert.equal(second.status, 201, second.text);
    assert.equal(second.json.supersedes, first.json.id);
    assert.equal(second.json.evidence.length, 1);
    assert.equal(second.json.evidence[0].filename, '东区群文队伍名单.pdf');
    assert.equal(second.json.evidence[0].bytes, pdf.length);
    // one more file, uploaded on its own
    const extra = await district.request('POST', `/api/v1/indicator-reports/${second.json.id}/evidence?name=note.txt`, { body: '说明', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(extra.status, 201, extra.text);

    const v = byCode(await list(anon, `division=510402&period=${YEAR}`), 'troupes.grassroots');
    assert.equal(v.value, 33);
    const h = await city.get(`/api/v1/indicators/troupes.grassroots/history?division=510402&period=${YEAR}`);
    assert.equal(h.status, 200, h.text);
    assert.deepEqual(h.json.items.map((e) => [e.value, e.current]), [[33, true], [30, false]]);
    assert.equal(h.json.items[0].evidence.length, 2);
    assertError(await citizen.get(`/api/v1/indicators/troupes.grassroots/history?division=510402&period=${YEAR}`), 403);
    const file = await fetch(srv.base + second.json.evidence[0].url, { headers: { Authorization: `Bearer ${city.token}` } });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), pdf);
    assertError(await citizen.get(second.json.evidence[0].url), 403);
  });

  it('exports the division and its districts as CSV (Excel) and JSON', async () => {
    const r = await fetch(`${srv.base}/api/v1/indicators.csv?division=5104&period=${YEAR}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition'), /attachment/);
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    assert.match(lines[0], /^division,division_name,period,code,name,name_en,unit,attribute,source,value,target/);
    const venueRows = lines.filter((l) => l.includes(',venues.count,'));
    assert.ok(venueRows.some((l) => l.startsWith('5104,攀枝花市,')));
    assert.ok(venueRows.some((l) => l.startsWith('510402,东区,')));
    const j = await anon.get(`/api/v1/indicators.json?division=5104&period=${YEAR}`);
    assert.equal(j.status, 200, j.text);
    assert.match(j.json.figures_hash, /^[0-9a-f]{64}$/);
    assert.ok(j.json.items.some((i) => i.division === '510402' && i.division_name === '东区'));
    // the numbers match the list's
    const city5104 = byCode(await list(anon, `division=5104&period=${YEAR}`), 'venues.count');
    assert.equal(j.json.items.find((i) => i.division === '5104' && i.code === 'venues.count').value, city5104.value);
    assertError(await anon.get(`/api/v1/indicators.csv?division=5104&period=x`), 400, 'bad_period');
  });
});
