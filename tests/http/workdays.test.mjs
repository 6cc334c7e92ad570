// The working-day calendar through the API (core/workday.h, docs/operating.md): anyone reads
// a year's public holidays and make-up working days (the demo loads the State Council's
// schedules); the city admin sets, removes and imports them, a district admin may not; an
// import with a bad line changes nothing and says which lines and why; a star volunteer's
// public notice ends after the holidays.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup } from './lib.mjs';

describe('workdays', () => {
  let srv, admin, district, anon;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district] = await Promise.all([loginAs(srv.base, DEMO.cityAdmin), loginAs(srv.base, DEMO.districtAdmin)]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const csv = (c, body, q = '') => c.request('POST', `/api/v1/workdays/import${q}`, { body, headers: { 'Content-Type': 'text/csv' } });

  it('anyone reads the State Council\'s schedule the demo loads', async () => {
    const r = await anon.get('/api/v1/workdays?year=2026');
    assert.equal(r.status, 200, r.text);
    const by = Object.fromEntries(r.json.items.map((x) => [x.date, x]));
    assert.deepEqual(by['2026-10-01'], { date: '2026-10-01', kind: 'holiday', working: false, name: '国庆节' });
    assert.equal(by['2026-10-10'].kind, 'workday');
    assert.equal(by['2026-02-14'].kind, 'workday');
    assert.equal(by['2026-02-23'].kind, 'holiday');
    assert.equal(by['2026-10-03'], undefined); // a Saturday: no working day anyway
    assert.equal(r.json.items.length, 25);
    assert.equal((await anon.get('/api/v1/workdays?year=2025')).json.items.length, 23);
    assertError(await anon.get('/api/v1/workdays?year=abc'), 400, 'bad_year');
  });

  it('the city admin sets and removes a day; a district admin may not', async () => {
    assertError(await district.put('/api/v1/workdays/2030-01-02', { kind: 'holiday', name: '测试' }), 403, 'forbidden');
    assertError(await anon.put('/api/v1/workdays/2030-01-02', { kind: 'holiday', name: '测试' }), 401);
    assertError(await admin.put('/api/v1/workdays/2030-01-05', { kind: 'holiday', name: '周六' }), 400, 'not_weekday');
    assertError(await admin.put('/api/v1/workdays/2030-01-02', { kind: 'workday', name: '周三' }), 400, 'not_weekend');
    assertError(await admin.put('/api/v1/workdays/2030-02-30', { kind: 'holiday', name: 'x' }), 400, 'bad_date');
    assertError(await admin.put('/api/v1/workdays/2030-01-02', { kind: 'day-off', name: 'x' }), 400, 'bad_kind');
    assertError(await admin.put('/api/v1/workdays/2030-01-02', { kind: 'holiday', name: '' }), 400);
    let r = await admin.put('/api/v1/workdays/2030-01-02', { kind: 'holiday', name: '测试假日' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { date: '2030-01-02', kind: 'holiday', working: false, name: '测试假日' });
    r = await anon.get('/api/v1/workdays?year=2030');
    assert.deepEqual(r.json.items.map((x) => x.date), ['2030-01-02']);
    const log = await admin.get('/api/v1/audit?object_type=workday&object_id=20300102');
    assert.equal(log.json.items[0].action, 'workday.set', log.text);
    assertError(await district.delete('/api/v1/workdays/2030-01-02'), 403, 'forbidden');
    r = await admin.delete('/api/v1/workdays/2030-01-02');
    assert.equal(r.status, 200, r.text);
    assertError(await admin.delete('/api/v1/workdays/2030-01-02'), 404);
    assert.equal((await anon.get('/api/v1/workdays?year=2030')).json.items.length, 0);
  });

  it('an import with bad lines changes nothing and names each line; a good one is applied', async () => {
    const bad = 'date,kind,name\n2031-01-01,holiday,元旦\n2031-01-04,holiday,周六\n2031-01-06,workday,周一\n2031-13-01,holiday,x\n2031-01-01,holiday,又一次\n';
    assertError(await csv(district, bad), 403, 'forbidden');
    let r = await csv(admin, bad);
    assertError(r, 400, 'bad_rows');
    assert.deepEqual(r.json.lines.map((l) => [l.line, l.code]), [[3, 'not_weekday'], [4, 'not_weekend'], [5, 'bad_date'], [6, 'duplicate_date']]);
    assert.ok(r.json.lines.every((l) => typeof l.message === 'string' && l.message.length > 0));
    assert.equal((await anon.get('/api/v1/workdays?year=2031')).json.items.length, 0);
    assertError(await csv(admin, 'day,type\n2031-01-01,holiday\n'), 400, 'bad_rows');
    const good = 'date,kind,name\n2031-01-01,holiday,元旦\n2031-01-04,workday,调休上班\n';
    r = await csv(admin, good, '?dry_run=1');
    assert.deepEqual(r.json, { dry_run: true, rows: 2 });
    assert.equal((await anon.get('/api/v1/workdays?year=2031')).json.items.length, 0);
    r = await csv(admin, good);
    assert.deepEqual(r.json, { dry_run: false, rows: 2 });
    assert.deepEqual((await anon.get('/api/v1/workdays?year=2031')).json.items.map((x) => x.kind), ['holiday', 'workday']);
  });

  it('the admin page lists a year and refuses a bad day beside the form', async () => {
    await admin.csrfToken();
    let r = await admin.get('/admin/workdays?year=2026');
    assert.equal(r.status, 200);
    assert.match(r.text, /国庆节调休上班/);
    const form = new URLSearchParams({ date: '2032-01-03', kind: 'holiday', name: '周六', _csrf: admin.jar.get('wy_csrf') });
    r = await admin.request('POST', '/admin/workdays', { body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 400, r.text.slice(0, 200));
    assert.match(r.text, /id="workday-error"/);
    assert.equal((await district.get('/admin/workdays')).status, 403);
  });
});
