// Volunteers' service hours through the API, the pages and the command line
// (src/mod/volunteers/hours.c, docs/volunteers.md "Hours"): check-in and check-out by the
// shift's QR code and on the coordinator's roster, the hours verified at once and counted from
// the ledger's balance; a report waiting for the coordinator, who verifies or rejects it but
// never their own; a dispute as a new record; the export for the national system (CSV with a
// BOM); and `wenyun volunteers verify`, 0 on the sound ledger, 1 naming the entry once a row of
// ledger_entries was changed behind its trigger's back.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, loginAs, assertError, freshPhone, cleanup, runCli } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402
const CITY_ADMIN = { phone: '13900000001', password: 'Demo2026pzh' };
const DEMO_PROJECT = '大渡口街道文化站周末图书整理与阅读推广';
const MIN = 60000;
const PG = !!process.env.WY_TEST_PG_HOST;

/** Run SQL on the test database with the backend's own client; its output. */
function sql(db, query) {
  const r = PG
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${PG ? 'psql' : 'sqlite3'} failed on ${query}:\n${r.stderr}`);
  return r.stdout.trim();
}

/** 'YYYY-MM-DD' of yesterday in China. */
const yesterday = () => new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);

/** POST a page's form as a browser does: the CSRF cookie echoed in the form. */
async function postForm(c, path, fields) {
  await c.get('/me/volunteer-hours'); // any page sets the wy_csrf cookie
  const token = c.jar.get('wy_csrf');
  assert.ok(token, 'a CSRF cookie');
  return c.request('POST', path, { body: new URLSearchParams({ ...fields, _csrf: token }) });
}

describe('volunteer hours', () => {
  let srv, admin, coord, vol, other, project, shift, code, volUser;
  const now = Date.now();

  async function newVolunteer(name) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const c = await loginAs(srv.base, { phone, password: PASSWORD });
    const v = await c.post('/api/v1/volunteers', { real_name: name, birth_date: '1988-02-02', skills: ['library'], areas: ['510402001'] });
    assert.equal(v.status, 201, v.text);
    c.userId = r.json.id;
    c.volunteerId = v.json.id;
    return c;
  }

  /** A sign-up of c to the shift, as the shifts' rules would leave it. */
  function signup(c, status, checkedInAt = null) {
    return +sql(srv.db, `INSERT INTO volunteer_signups(shift_id, volunteer_id, user_id, status, checked_in_at, created_at, updated_at)
      VALUES (${shift}, ${c.volunteerId}, ${c.userId}, '${status}', ${checkedInAt ?? 'NULL'}, ${now}, ${now}) RETURNING id`);
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, coord] = await Promise.all([loginAs(srv.base, CITY_ADMIN), loginAs(srv.base, COORDINATOR)]);
    const ps = await coord.get('/api/v1/volunteer-projects?division=510402001');
    project = ps.json.items.find((p) => p.title === DEMO_PROJECT);
    assert.ok(project, ps.text);
    vol = await newVolunteer('陈文静');
    other = await newVolunteer('周志强');
    volUser = vol.userId;
    // a shift that began 80 minutes ago and ends in 40 (the shifts' own routes are elsewhere)
    code = `t${Math.random().toString(36).slice(2)}`;
    shift = +sql(srv.db, `INSERT INTO volunteer_shifts(project_id, division, title, starts_at, ends_at, place, capacity, taken, check_code, created_at, updated_at)
      VALUES (${project.id}, '510402001', '图书整理', ${now - 80 * MIN}, ${now + 40 * MIN}, '文化站', 10, 3, '${code}', ${now}, ${now}) RETURNING id`);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('the QR code checks a volunteer out with the service time, verified at once', async () => {
    const su = signup(vol, 'checked_in', now - 70 * MIN);
    assertError(await other.post('/api/v1/volunteer-checkin', { code }), 409, 'not_signed_up');
    assertError(await vol.post('/api/v1/volunteer-checkin', { code: 'nope' }), 404, 'unknown_code');
    const r = await vol.post('/api/v1/volunteer-checkin', { code });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.action, 'checked_out');
    assert.equal(r.json.signup_id, su);
    assert.equal(r.json.minutes, 60); // 70 minutes, rounded down to 15
    const rec = await vol.get(`/api/v1/volunteer-hours/${r.json.record_id}`);
    assert.equal(rec.status, 200, rec.text);
    assert.equal(rec.json.status, 'verified');
    assert.equal(rec.json.source, 'checkin');
    assert.equal(rec.json.organisation, '大渡口街道文化志愿服务队');
    assert.ok(rec.json.ledger_entry_id > 0);
    assertError(await other.get(`/api/v1/volunteer-hours/${r.json.record_id}`), 404, 'not_found');
    const mine = await vol.get('/api/v1/me/volunteer/hours');
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.json.totals, { verified_minutes: 60, verified_hours: 1, points: 1 });
    assert.equal(mine.json.items[0].id, r.json.record_id);
  });

  it('the check-in page checks in with one button, and the coordinator checks out on the roster', async () => {
    signup(other, 'confirmed');
    const page = await other.get(`/volunteer-checkin?code=${code}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="checkin-form"/);
    assert.match(page.text, /图书整理/);
    const done = await postForm(other, '/volunteer-checkin', { code });
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /data-action="checked_in"/);
    const suId = +sql(srv.db, `SELECT id FROM volunteer_signups WHERE user_id = ${other.userId} AND status = 'checked_in'`);
    // a citizen holds no roster; the coordinator does
    assertError(await vol.post(`/api/v1/volunteer-signups/${suId}/check-out`, {}), 403, 'forbidden');
    assertError(await coord.post(`/api/v1/volunteer-signups/${suId}/check-in`, {}), 409, 'bad_state');
    const r = await coord.post(`/api/v1/volunteer-signups/${suId}/check-out`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.action, 'checked_out');
    assert.equal(r.json.minutes, 0); // checked in a moment ago: no whole step served
    assert.equal(r.json.record_id, null);
    assert.equal(sql(srv.db, `SELECT status FROM volunteer_signups WHERE id = ${suId}`), 'completed');
    // the QR page of the shift, for the coordinator only
    const qr = await coord.get(`/volunteer-shifts/${shift}/qr`);
    assert.equal(qr.status, 200);
    assert.match(qr.text, /<svg/);
    assert.equal((await vol.get(`/volunteer-shifts/${shift}/qr`)).status, 403);
    // its roster checks a sign-up in with a button
    const again = signup(vol, 'confirmed');
    const roster = await coord.get(`/volunteer-shifts/${shift}/qr`);
    assert.match(roster.text, new RegExp(`data-id="${again}" data-status="confirmed"`));
    assert.match(roster.text, /陈\*静/); // masked
    const pressed = await postForm(coord, `/volunteer-signups/${again}/check-in`, {});
    assert.equal(pressed.status, 303, pressed.text);
    assert.equal(sql(srv.db, `SELECT status FROM volunteer_signups WHERE id = ${again}`), 'checked_in');
    assert.equal(+sql(srv.db, `SELECT checked_in_by FROM volunteer_signups WHERE id = ${again}`), +sql(srv.db, "SELECT id FROM users WHERE phone = '13900000021'"));
  });

  let reportId;
  it('a report waits for the coordinator, who verifies or rejects it; never the reporter', async () => {
    const body = { project_id: project.id, date: yesterday(), start: '09:00', end: '11:40', note: '整理少儿图书并上架' };
    assertError(await vol.post('/api/v1/me/volunteer/hours', { ...body, end: '08:00' }), 400, 'bad_time');
    assertError(await vol.post('/api/v1/me/volunteer/hours', { ...body, date: '2999-01-01' }), 400, 'bad_date');
    assertError(await vol.post('/api/v1/me/volunteer/hours', { ...body, project_id: 999999 }), 400, 'unknown_project');
    assertError(await admin.post('/api/v1/me/volunteer/hours', body), 404, 'not_registered');
    const r = await vol.post('/api/v1/me/volunteer/hours', body);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'pending');
    assert.equal(r.json.minutes, 150);
    reportId = r.json.id;
    const second = (await vol.post('/api/v1/me/volunteer/hours', { ...body, start: '14:00', end: '15:00' })).json.id;
    const q = await coord.get('/api/v1/volunteer-hours/pending');
    assert.equal(q.status, 200, q.text);
    const item = q.json.items.find((x) => x.id === reportId);
    assert.ok(item, q.text);
    assert.equal(item.volunteer, '陈*静'); // masked for staff
    assertError(await vol.post(`/api/v1/volunteer-hours/${reportId}/verify`, {}), 403, 'forbidden');
    assertError(await coord.post(`/api/v1/volunteer-hours/${second}/reject`, {}), 400, 'missing_field');
    const rej = await coord.post(`/api/v1/volunteer-hours/${second}/reject`, { note: '当天站点闭馆' });
    assert.equal(rej.status, 200, rej.text);
    assert.equal(rej.json.status, 'rejected');
    const ok = await coord.post(`/api/v1/volunteer-hours/${reportId}/verify`, { note: '属实' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.status, 'verified');
    assertError(await coord.post(`/api/v1/volunteer-hours/${reportId}/verify`, {}), 409, 'already_decided');
    const mine = await vol.get('/api/v1/me/volunteer/hours');
    assert.equal(mine.json.totals.verified_minutes, 210);
    const inbox = await vol.get('/api/v1/me/notifications');
    assert.equal(inbox.status, 200, inbox.text);
    const told = inbox.json.items.find((x) => x.kind === 'volunteer_hours.verified' && x.subject.id === reportId);
    assert.ok(told, inbox.text);
    assert.equal(told.href, '/me/volunteer-hours');
    assert.match(told.text, /2:30/);
    assert.ok(inbox.json.items.some((x) => x.kind === 'volunteer_hours.rejected' && x.subject.id === second), inbox.text);
    assert.equal(mine.json.totals.points, 3);
  });

  it('a dispute is a new record, decided like a report', async () => {
    assertError(await vol.post(`/api/v1/volunteer-hours/${reportId}/corrections`, { minutes: -500, note: '多算了' }), 400, 'too_many_minutes');
    assertError(await other.post(`/api/v1/volunteer-hours/${reportId}/corrections`, { minutes: 15, note: '我也在' }), 404, 'not_found');
    const d = await vol.post(`/api/v1/volunteer-hours/${reportId}/corrections`, { minutes: 30, note: '实际到12:10' });
    assert.equal(d.status, 201, d.text);
    assert.equal(d.json.source, 'correction');
    assert.equal(d.json.corrects, reportId);
    assert.equal(d.json.status, 'pending');
    // the queue page shows it; its form decides it
    const page = await coord.get('/volunteer-hours/queue');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`data-id="${d.json.id}"`));
    const decided = await postForm(coord, `/volunteer-hours/${d.json.id}/decide`, { decision: 'verify', note: '' });
    assert.equal(decided.status, 303, decided.text);
    const mine = await vol.get('/api/v1/me/volunteer/hours');
    assert.equal(mine.json.totals.verified_minutes, 240);
    assert.equal(mine.json.totals.points, 3); // floor(30 / 60)
    // the record of the original is unchanged
    const orig = await vol.get(`/api/v1/volunteer-hours/${reportId}`);
    assert.equal(orig.json.minutes, 150);
    const my = await vol.get('/me/volunteer-hours');
    assert.equal(my.status, 200);
    assert.match(my.text, /data-minutes="240"/);
    assert.match(my.text, /id="report-form"/);
    // the form offers the projects of her district (东区, her area 510402001) first, then the
    // city's others: the demo has projects in 西区 and 仁和区 too
    const form = my.text.slice(my.text.indexOf('id="report-form"'));
    const offered = [...form.slice(0, form.indexOf('</select>')).matchAll(/<option value="(\d+)"/g)].map((m) => +m[1]);
    const east = (await vol.get('/api/v1/volunteer-projects?division=510402&limit=100')).json.items.map((p) => p.id);
    const city = (await vol.get('/api/v1/volunteer-projects?division=5104&limit=100')).json.items.map((p) => p.id);
    assert.ok(east.length >= 1 && city.length > east.length, `${east.length} in 东区 of ${city.length}`);
    assert.deepEqual(offered.slice(0, east.length), east, 'her district\'s projects first, newest first');
    assert.deepEqual([...offered].sort((a, b) => a - b), [...city].sort((a, b) => a - b), 'and every other once');
  });

  it('the export for the national system is a CSV with a BOM, for the coordinators', async () => {
    const path = `/api/v1/volunteer-hours/export.csv?org_id=${project.org_id}&from=2020-01-01&to=2029-12-31`;
    assertError(await vol.get(path), 403, 'forbidden');
    assertError(await coord.get(`/api/v1/volunteer-hours/export.csv?org_id=${project.org_id}&from=2020-13-01&to=2029-12-31`), 400, 'bad_date');
    const r = await coord.get(path);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.ok(r.text.startsWith('志愿者姓名,手机号码,证件类型,服务项目名称'), JSON.stringify(r.text.slice(0, 80)));
    // the text decoder drops a byte-order mark: read the bytes
    const raw = Buffer.from(await (await fetch(srv.base + path, { headers: { Authorization: `Bearer ${coord.token}` } })).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
    const lines = r.text.trim().split('\r\n');
    assert.ok(lines.some((l) => /^陈文静,1\d\d\*\*\*\*\d{4},,/.test(l) && l.includes(',2.50,') && l.includes('整理少儿图书并上架')), r.text);
    assert.ok(!lines.some((l) => l.includes('当天站点闭馆')), 'a rejected record is not exported');
  });

  it('wenyun volunteers stars counts who qualifies for each level by verified hours', () => {
    const r = runCli(['volunteers', 'stars', '--db', srv.db, '--division', '5104']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const counts = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split(': ')).map(([k, v]) => [k, Number(v)]));
    // the demo's 刘思远 (120 hours) and 杨丽华 (110) reach one star under the national default
    assert.ok(counts['1 star'] >= 2, r.stdout);
    assert.equal(Object.keys(counts).length, 6, r.stdout);
    const none = runCli(['volunteers', 'stars', '--db', srv.db, '--division', '510403']);
    assert.match(none.stdout, /^1 star: 0$/m);
    assert.equal(runCli(['volunteers', 'stars', '--db', srv.db, '--division', 'x']).code, 1);
  });

  it('wenyun volunteers verify: 0 on the sound ledgers, 1 naming the entry changed behind its back', () => {
    assert.equal(runCli(['volunteers']).code, 2);
    const good = runCli(['volunteers', 'verify', '--db', srv.db]);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /ok: \d+ entries/);
    const id = sql(srv.db, `SELECT ledger_entry_id FROM volunteer_hours WHERE id = ${reportId}`);
    // an attacker drops the trigger that keeps entries as written, and adds an hour
    sql(srv.db, PG ? 'DROP TRIGGER ledger_entries_append_only ON ledger_entries' : 'DROP TRIGGER ledger_entries_no_update');
    sql(srv.db, `UPDATE ledger_entries SET amount = amount + 60 WHERE id = ${id}`);
    const bad = runCli(['volunteers', 'verify', '--db', srv.db]);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, new RegExp(`BROKEN: book hours: entry ${id} `));
    // put back, the book holds again; then a points entry changed is named in book points
    sql(srv.db, `UPDATE ledger_entries SET amount = amount - 60 WHERE id = ${id}`);
    assert.equal(runCli(['volunteers', 'verify', '--db', srv.db]).code, 0);
    const pid = sql(srv.db, "SELECT min(id) FROM ledger_entries WHERE book = 'points'");
    sql(srv.db, `UPDATE ledger_entries SET credit = 'u:1' WHERE id = ${pid}`);
    const points = runCli(['volunteers', 'verify', '--db', srv.db]);
    assert.equal(points.code, 1, points.stdout + points.stderr);
    assert.match(points.stdout, new RegExp(`BROKEN: book points: entry ${pid} `));
  });
});
