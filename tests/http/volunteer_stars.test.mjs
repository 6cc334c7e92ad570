// Star levels and service certificates through the API and pages (src/mod/volunteers/star.h,
// docs/volunteers.md "Star levels", "Certificates"), on the demo of 东区: 刘思远 holds one star
// (granted after the notice) and a service certificate of 东区文化志愿者协会; 杨丽华 is on the
// public notice. Thresholds of a city, objections, the notice that keeps a decision waiting,
// the certificate checked at the public page GET /certificates/{code}, and a revocation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup } from './lib.mjs';

const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402
const LIU = { phone: '13800002001', password: 'Demo2026zy' };

/** A browser's form post: a cookie session and its CSRF field. */
async function formClient(base, account) {
  const c = new Client(base, { useCookie: true });
  await c.login(account.phone, account.password);
  await c.csrfToken();
  c.form = (path, fields) =>
    c.request('POST', path, {
      body: new URLSearchParams({ _csrf: c.jar.get('wy_csrf'), ...fields }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  return c;
}

describe('volunteer star levels and certificates', () => {
  let srv, admin, coord, citizen, liu, anon;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, coord, citizen, liu] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, DEMO.citizen),
      loginAs(srv.base, LIU),
    ]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('the star volunteer sees their level, hours and next threshold', async () => {
    const r = await liu.get('/api/v1/me/volunteer-star');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.level, 1);
    assert.equal(r.json.minutes, 120 * 60);
    assert.equal(r.json.next_hours, 300, 'the national default: 100/300/600/1000/1500');
    assert.equal(r.json.thresholds.set_by_division, null);
    assertError(await liu.post('/api/v1/volunteer-star-applications', { level: 1 }), 409, 'already_level');
    assertError(await liu.post('/api/v1/volunteer-star-applications', { level: 2 }), 422, 'not_qualified');
    const page = await liu.get('/me/volunteer-star');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="star-hours">120\.0</);
    assert.doesNotMatch(page.text, /id="star-apply"/, 'nothing to apply for');
    // a citizen who is no volunteer
    assertError(await citizen.get('/api/v1/me/volunteer-star'), 404, 'not_registered');
    assert.equal((await citizen.get('/me/volunteer-star')).status, 200);
    assert.equal((await anon.get('/api/v1/me/volunteer-star')).status, 401);
  });

  it('a city sets its own thresholds; a district coordinator may not', async () => {
    assertError(await coord.put('/api/v1/volunteer-star-thresholds/5104', { hours: [100, 200, 500, 800, 1000] }), 403, 'forbidden');
    assertError(await admin.put('/api/v1/volunteer-star-thresholds/510402', { hours: [100, 200, 500, 800, 1000] }), 400, 'bad_division');
    assertError(await admin.put('/api/v1/volunteer-star-thresholds/5104', { hours: [100, 200, 200, 800, 1000] }), 400, 'bad_hours');
    const r = await admin.put('/api/v1/volunteer-star-thresholds/5104', { hours: [100, 200, 500, 800, 1000] });
    assert.equal(r.status, 200, r.text);
    const t = await anon.get('/api/v1/volunteer-star-thresholds?division=510402001');
    assert.deepEqual(t.json, { hours: [100, 200, 500, 800, 1000], set_by_division: '5104' });
    const elsewhere = await anon.get('/api/v1/volunteer-star-thresholds?division=51');
    assert.deepEqual(elsewhere.json.hours, [100, 300, 600, 1000, 1500]);
    const me = await liu.get('/api/v1/me/volunteer-star');
    assert.equal(me.json.next_hours, 200);
    // the coordinators' page: the city admin's form, a district coordinator's figures only
    const browser = await formClient(srv.base, DEMO.cityAdmin);
    const page = await browser.get('/admin/volunteer-stars');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="thresholds-form"/);
    const f = await browser.form('/admin/volunteer-star-thresholds', { division: '5104', h1: '100', h2: '250', h3: '500', h4: '800', h5: '1000' });
    assert.equal(f.status, 303, f.text.slice(0, 300));
    const t2 = await anon.get('/api/v1/volunteer-star-thresholds?division=510402');
    assert.deepEqual(t2.json.hours, [100, 250, 500, 800, 1000]);
    const cp = await coord.get('/admin/volunteer-stars');
    assert.equal(cp.status, 200);
    assert.match(cp.text, /id="star-thresholds"/);
    assert.doesNotMatch(cp.text, /id="thresholds-form"/);
  });

  it('the public notice lists applicants masked; anyone logged in objects while it lasts', async () => {
    const r = await anon.get('/api/v1/volunteer-star-applications?division=510402');
    assert.equal(r.status, 200, r.text);
    const yang = r.json.items.find((a) => a.name === '杨*华');
    assert.ok(yang, r.text);
    assert.equal(yang.level, 1);
    assert.equal(yang.organisation.name, '东区文化志愿者协会');
    assert.equal(yang.status, 'notice');
    assert.doesNotMatch(r.text, /杨丽华|刘思远/);
    const page = await anon.get('/volunteer-stars');
    assert.equal(page.status, 200);
    assert.match(page.text, /杨\*华/);
    assert.doesNotMatch(page.text, /杨丽华/);
    assert.match(page.text, /东区文化志愿者协会/);
    // objections
    assert.equal((await anon.post(`/api/v1/volunteer-star-applications/${yang.id}/objections`, { reason: '时长有误' })).status, 401);
    assertError(await citizen.post(`/api/v1/volunteer-star-applications/${yang.id}/objections`, { reason: '' }), 400, 'bad_reason');
    const o = await citizen.post(`/api/v1/volunteer-star-applications/${yang.id}/objections`, { reason: '部分时长系重复登记' });
    assert.equal(o.status, 201, o.text);
    const browser = await formClient(srv.base, DEMO.citizen);
    const fo = await browser.form(`/volunteer-stars/${yang.id}/object`, { reason: '服务记录与签到不符' });
    assert.equal(fo.status, 303, fo.text.slice(0, 300));
    const list = await coord.get(`/api/v1/volunteer-star-applications/${yang.id}/objections`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((x) => x.reason).slice(-2), ['部分时长系重复登记', '服务记录与签到不符']);
    assert.equal((await citizen.get(`/api/v1/volunteer-star-applications/${yang.id}/objections`)).status, 403);
    // no decision while the notice lasts
    assertError(await coord.post(`/api/v1/volunteer-star-applications/${yang.id}/decision`, { decision: 'grant', objections: 'dismissed' }), 409, 'notice_open');
    // the other statuses are for staff
    assert.equal((await anon.get('/api/v1/volunteer-star-applications?division=510402&status=granted')).status, 401);
    assert.equal((await citizen.get('/api/v1/volunteer-star-applications?division=510402&status=granted')).status, 403);
  });

  it('a service certificate is checked at the public page; an unknown code is 404', async () => {
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402&limit=100');
    const org = orgs.json.items.find((o) => o.name === '东区文化志愿者协会');
    const vols = await coord.get('/api/v1/volunteers?division=510402&limit=100');
    const v = vols.json.items.find((x) => x.name === '刘*远');
    assert.equal((await citizen.post(`/api/v1/volunteer-organisations/${org.id}/certificates`, { volunteer_id: v.id })).status, 403);
    const r = await coord.post(`/api/v1/volunteer-organisations/${org.id}/certificates`, { volunteer_id: v.id });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.existing, true, 'the demo issued it already');
    assert.match(r.json.number, /^ZY-\d{4}-\d{6}$/);
    const check = await anon.get(`/certificates/${r.json.code.replace(/-/g, '')}`);
    assert.equal(check.status, 200);
    assert.match(check.text, /志愿服务记录证明/);
    assert.match(check.text, /120小时/);
    assert.match(check.text, /刘\*远/);
    assert.doesNotMatch(check.text, /刘思远/);
    assert.equal((await anon.get('/certificates/0000-0000-0000-0000')).status, 404);
    // the holder finds it among theirs, printable
    const mine = await liu.get('/api/v1/me/certificates');
    assert.ok(mine.json.items.some((c) => c.number === r.json.number), mine.text);
    assert.ok(mine.json.items.some((c) => c.number.startsWith('XJ-') && c.status === 'valid'), 'the star level\'s certificate');
    assert.equal((await liu.get(r.json.url)).status, 200);
    // no hours with the organisation: nothing to certify
    const yang = vols.json.items.find((x) => x.name === '赵*涵');
    assertError(await coord.post(`/api/v1/volunteer-organisations/${org.id}/certificates`, { volunteer_id: yang.id }), 422, 'no_hours');
  });

  it('a granted level is revoked with a reason, and the volunteer is told', async () => {
    const g = await coord.get('/api/v1/volunteer-star-applications?division=510402&status=granted');
    assert.equal(g.status, 200, g.text);
    const app = g.json.items.find((a) => a.name === '刘*远');
    assertError(await coord.post(`/api/v1/volunteer-star-applications/${app.id}/revoke`, { reason: '' }), 400, 'bad_reason');
    const r = await coord.post(`/api/v1/volunteer-star-applications/${app.id}/revoke`, { reason: '经核查部分服务时长记录不实' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'revoked');
    // a decided application is its volunteer's and the coordinators', not the public's
    assert.equal((await anon.get(`/api/v1/volunteer-star-applications/${app.id}`)).status, 404);
    assert.equal((await citizen.get(`/api/v1/volunteer-star-applications/${app.id}`)).status, 404);
    assert.equal((await liu.get(`/api/v1/volunteer-star-applications/${app.id}`)).status, 200);
    assertError(await coord.post(`/api/v1/volunteer-star-applications/${app.id}/revoke`, { reason: '再次' }), 409, 'bad_state');
    const me = await liu.get('/api/v1/me/volunteer-star');
    assert.equal(me.json.level, 0);
    // the level's certificate (XJ) goes with it; the service record (ZY) stays
    const certs = await liu.get('/api/v1/me/certificates');
    assert.equal(certs.json.items.find((c) => c.number.startsWith('XJ-')).status, 'revoked', certs.text);
    assert.equal(certs.json.items.find((c) => c.number.startsWith('ZY-')).status, 'valid', certs.text);
    const inbox = await liu.get('/api/v1/me/notifications');
    assert.ok(inbox.json.items.some((n) => n.kind === 'volunteer_star.revoked'), inbox.text);
    const page = await coord.get('/admin/volunteer-stars');
    assert.equal(page.status, 200);
    assert.match(page.text, /杨\*华/);
  });
});
