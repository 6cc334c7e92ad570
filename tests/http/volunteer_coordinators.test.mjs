// Coordinators tied to organisations, excused no-shows and removed organisations, through the
// API and the staff's pages (docs/volunteers.md, "Who coordinates", "Removing an organisation",
// "Settling past shifts"): a volunteer_coordinator writes on the organisations an admin made
// them coordinate and on no other of their division, and not any more once removed; admins
// only add and remove coordinators; a no-show settled by the job is excused by the
// organisation's coordinator with a reason, stays a no-show and is no longer counted; an
// organisation with a coming open shift cannot be removed, a removed one leaves the lists and
// takes no new project.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, cleanup, runCli } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const PG = !!process.env.WY_TEST_PG_HOST;
/** Run SQL on the test database with the backend's own client. */
function sql(db, query) {
  const r = PG
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${PG ? 'psql' : 'sqlite3'} failed on ${query}:\n${r.stderr}`);
}

describe('coordinators of organisations, excused no-shows, removed organisations', () => {
  let srv, admin, coord, other, otherPhone, otherId, citizen, anon, team, project;


  async function actions(type, id) {
    const r = await admin.get(`/api/v1/audit?object_type=${type}&object_id=${id}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.map((x) => x.action);
  }

  async function account(role, division) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '文化志愿者', role, division });
    assert.equal(r.status, 201, r.text);
    const c = await loginAs(srv.base, { phone, password: PASSWORD });
    c.phone = phone;
    c.id = r.json.id;
    return c;
  }

  async function newVolunteer() {
    const c = await account('citizen', '510402001');
    const v = await c.post('/api/v1/volunteers', { real_name: '陈志愿', birth_date: '1988-06-01', skills: ['usher'], availability: '周末', areas: ['510402001'] });
    assert.equal(v.status, 201, v.text);
    c.volunteerId = v.json.id;
    return c;
  }

  const newOrg = async (name) => {
    const r = await admin.post('/api/v1/volunteer-organisations', { division: '510402', name, description: '' });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1, register_per_minute: 1000000 } } });
    [admin, coord, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    other = await account('volunteer_coordinator', '510402'); // a second coordinator of 东区
    otherPhone = other.phone;
    otherId = other.id;
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402&limit=100');
    team = orgs.json.items.find((o) => o.name === '大渡口街道文化志愿服务队');
    const p = await anon.get('/api/v1/volunteer-projects?division=510402001');
    project = p.json.items.find((x) => x.title === '大渡口街道文化站周末图书整理与阅读推广').id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('a coordinator writes on the organisations they coordinate only, as the admins choose', async () => {
    const a = await newOrg('东区丁文化志愿者协会');
    const path = `/api/v1/volunteer-organisations/${a}/coordinators`;
    const write = (c, org) => c.post('/api/v1/volunteer-projects', { org_id: org, title: '周末讲解', description: '' });
    assertError(await write(other, a), 403, 'not_coordinator');
    // nobody but the admins chooses
    assert.equal((await anon.get(path)).status, 401);
    assertError(await citizen.get(path), 403, 'forbidden');
    assertError(await other.post(path, { user_id: otherId }), 403, 'admins_only');
    assertError(await coord.post(path, { phone: otherPhone }), 403, 'admins_only');
    let r = await admin.get(path);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items, []);
    // bad input changes nothing
    assertError(await admin.post(path, {}), 400, 'bad_user');
    assertError(await admin.post(path, { phone: DEMO.citizen.phone }), 400, 'not_a_coordinator');
    assertError(await admin.post(`/api/v1/volunteer-organisations/${team.id}/coordinators`, { phone: otherPhone }), 400, 'team');
    r = await admin.post(path, { phone: otherPhone });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.items.map((k) => k.user_id), [otherId]);
    assert.ok(r.json.items[0].phone.includes('*'), 'the phone is masked');
    assert.ok(!r.json.items[0].phone.includes(otherPhone.slice(3, 7)));
    assertError(await admin.post(path, { user_id: otherId }), 409, 'already_coordinator');

    // now the organisation's records are theirs; the demo's organisation of the same division
    // is not, nor is theirs the demo coordinator's
    r = await write(other, a);
    assert.equal(r.status, 201, r.text);
    assertError(await write(other, team.id), 403, 'not_coordinator');
    assertError(await other.patch(`/api/v1/volunteer-organisations/${team.id}`, { description: '改' }), 403, 'not_coordinator');
    const start = Date.now() + 9 * DAY;
    const shift = { title: '班次', place: '文化站', capacity: 3, skills: [], starts_at: iso(start), ends_at: iso(start + 2 * HOUR) };
    assertError(await other.post(`/api/v1/volunteer-projects/${project}/shifts`, shift), 403, 'not_coordinator');
    assertError(await write(coord, a), 403, 'not_coordinator');
    assert.equal((await write(coord, team.id)).status, 201);

    // removed: nothing any more
    r = await admin.delete(`${path}/${otherId}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items, []);
    assertError(await write(other, a), 403, 'not_coordinator');
    assertError(await admin.delete(`${path}/${otherId}`), 404, 'not_coordinator');
    const done = await actions('volunteer_org', a);
    assert.ok(done.includes('volunteer_org.coordinator_add'));
    assert.ok(done.includes('volunteer_org.coordinator_remove'));
  });

  it('the organisations page: admins add and remove coordinators, an organisation is removed', async () => {
    const a = await newOrg('东区戊文化志愿者协会');
    let page = await admin.get('/admin/volunteering/organisations');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`id="coordinators-${a}"`));
    assert.ok(page.text.includes(`action="/admin/volunteering/organisations/${a}/coordinators"`));
    // a refused form comes back with its refusal
    let r = await admin.postForm(`/admin/volunteering/organisations/${a}/coordinators`, { phone: DEMO.citizen.phone });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('id="error-phone"'), 'the refusal beside the field');
    assert.ok(r.text.includes('没有志愿服务协调员角色'), 'in Chinese');
    r = await admin.postForm(`/admin/volunteering/organisations/${a}/coordinators`, { phone: otherPhone });
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /msg=coordinator_added/);
    page = await admin.get('/admin/volunteering/organisations');
    assert.ok(page.text.includes(`action="/admin/volunteering/organisations/${a}/coordinators/${otherId}/remove"`));
    // a coordinator sees who coordinates, without the admins' forms
    const theirs = await other.get('/admin/volunteering/organisations');
    assert.equal(theirs.status, 200);
    assert.ok(theirs.text.includes(`id="coordinators-${a}"`));
    assert.ok(!theirs.text.includes('coordinator-form'));
    // and the forms of the organisations they coordinate only
    assert.ok(theirs.text.includes(`action="/admin/volunteering/organisations/${a}/archive"`));
    assert.ok(!theirs.text.includes(`action="/admin/volunteering/organisations/${team.id}"`));
    assert.ok(!theirs.text.includes(`action="/admin/volunteering/organisations/${team.parent_id}/archive"`));
    assert.equal((await other.post('/api/v1/volunteer-projects', { org_id: a, title: '讲解', description: '' })).status, 201);
    r = await admin.postForm(`/admin/volunteering/organisations/${a}/coordinators/${otherId}/remove`, {});
    assert.equal(r.status, 303, r.text);
    assertError(await other.post('/api/v1/volunteer-projects', { org_id: a, title: '讲解', description: '' }), 403, 'not_coordinator');

    // removing: refused while a shift is coming, done once it is cancelled
    const b = await newOrg('东区己文化志愿者协会');
    const p = await admin.post('/api/v1/volunteer-projects', { org_id: b, title: '最后一次', description: '' });
    assert.equal(p.status, 201, p.text);
    const start = Date.now() + 5 * DAY;
    const s = await admin.post(`/api/v1/volunteer-projects/${p.json.id}/shifts`, { title: '班次', place: '文化站', capacity: 3, skills: [], starts_at: iso(start), ends_at: iso(start + 2 * HOUR) });
    assert.equal(s.status, 201, s.text);
    r = await admin.postForm(`/admin/volunteering/organisations/${b}/archive`, {});
    assert.equal(r.status, 409);
    assert.ok(r.text.includes('class="form-error"'), 'the refusal at the top of the form');
    assert.ok(r.text.includes('尚未结束的班次'), 'in Chinese');
    assertError(await admin.post(`/api/v1/volunteer-organisations/${b}/archive`), 409, 'open_work');
    assert.equal((await admin.post(`/api/v1/volunteer-shifts/${s.json.id}/cancel`)).status, 200);
    assertError(await citizen.post(`/api/v1/volunteer-organisations/${b}/archive`), 403, 'forbidden');
    r = await admin.postForm(`/admin/volunteering/organisations/${b}/archive`, {});
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /msg=org_archived/);
    const list = await anon.get('/api/v1/volunteer-organisations?division=510402&limit=100');
    assert.ok(!list.json.items.some((o) => o.id === b), 'out of the list');
    const one = await anon.get(`/api/v1/volunteer-organisations/${b}`);
    assert.equal(one.status, 200);
    assert.ok(one.json.archived_at, 'read by id, archived');
    assertError(await admin.post('/api/v1/volunteer-projects', { org_id: b, title: '新', description: '' }), 409, 'archived');
    assertError(await admin.post(`/api/v1/volunteer-organisations/${b}/archive`), 409, 'archived');
    page = await admin.get('/admin/volunteering/organisations');
    assert.ok(!page.text.includes(`id="org-${b}"`));
    assert.ok((await actions('volunteer_org', b)).includes('volunteer_org.archive'));
    // the API too
    const c = await newOrg('东区庚文化志愿者协会');
    r = await admin.post(`/api/v1/volunteer-organisations/${c}/archive`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.archived_at);
  });

  it('a no-show is excused by the organisation\'s coordinator with a reason, and no longer counted', async () => {
    const [v1, v2] = [await newVolunteer(), await newVolunteer()];
    const start = Date.now() + 3 * DAY;
    const s = await coord.post(`/api/v1/volunteer-projects/${project}/shifts`, { title: '免责测试', place: '文化站', capacity: 5, skills: [], starts_at: iso(start), ends_at: iso(start + 2 * HOUR) });
    assert.equal(s.status, 201, s.text);
    const g1 = await v1.post(`/api/v1/volunteer-shifts/${s.json.id}/signups`, {});
    const g2 = await v2.post(`/api/v1/volunteer-shifts/${s.json.id}/signups`, {});
    assert.equal(g1.status, 201, g1.text);
    assert.equal(g2.status, 201, g2.text);
    // the shift took place two days ago; nobody came; the job settles it
    const past = Date.now() - 2 * DAY;
    sql(srv.db, `UPDATE volunteer_shifts SET starts_at = ${past}, ends_at = ${past + 2 * HOUR} WHERE id = ${s.json.id}`);
    const cli = runCli(['jobs', '--once', '--db', srv.db]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    const noShows = async (v) => {
      const r = await coord.get('/api/v1/volunteers?division=510402001&limit=100');
      assert.equal(r.status, 200, r.text);
      return r.json.items.find((x) => x.id === v.volunteerId).no_shows;
    };
    assert.equal(await noShows(v1), 1);
    const path = `/api/v1/volunteer-signups/${g1.json.id}/excuse`;
    assertError(await v1.post(path, { reason: '生病' }), 403, 'forbidden');
    assertError(await other.post(path, { reason: '生病' }), 403, 'not_coordinator');
    assertError(await coord.post(path, { reason: '' }), 400, 'bad_reason');
    assertError(await coord.post(path, {}), 400);
    assert.equal(await noShows(v1), 1, 'refusals changed nothing');
    let r = await coord.post(path, { reason: '突发急病，有医院证明' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'no_show');
    assert.equal(r.json.excused, true);
    assert.ok(r.json.excused_at);
    assertError(await coord.post(path, { reason: '再一次' }), 409, 'already_excused');
    assert.equal(await noShows(v1), 0);
    assert.equal(await noShows(v2), 1);
    assert.ok((await actions('volunteer_signup', g1.json.id)).includes('volunteer_signup.excuse'));
    // the volunteer sees it
    const mine = await v1.get('/api/v1/me/volunteer-shifts?all=1');
    const it1 = mine.json.items.find((x) => x.id === g1.json.id);
    assert.equal(it1.status, 'no_show');
    assert.ok(it1.excused_at);
    assert.equal(it1.excuse, '突发急病，有医院证明');
    const myPage = await v1.get('/me/volunteering');
    assert.ok(myPage.text.includes('突发急病，有医院证明'));
    // the roster page: excused, and a form for the other no-show
    let roster = await coord.get(`/volunteer-shifts/${s.json.id}/qr`);
    assert.equal(roster.status, 200);
    assert.ok(roster.text.includes('突发急病，有医院证明'));
    assert.ok(roster.text.includes(`action="/volunteer-signups/${g2.json.id}/excuse"`));
    assert.ok(!roster.text.includes(`action="/volunteer-signups/${g1.json.id}/excuse"`));
    const shiftPage = await coord.get(`/admin/volunteering/shifts/${s.json.id}`);
    assert.equal(shiftPage.status, 200);
    assert.ok(shiftPage.text.includes(`action="/volunteer-signups/${g2.json.id}/excuse"`));
    assert.ok(shiftPage.text.includes('突发急病，有医院证明'));
    r = await coord.postForm(`/volunteer-signups/${g2.json.id}/excuse`, { reason: '家中有事，已提前电话告知' });
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), new RegExp(`/volunteer-shifts/${s.json.id}/qr\\?msg=excused`));
    assert.equal(await noShows(v2), 0);
    roster = await coord.get(`/volunteer-shifts/${s.json.id}/qr`);
    assert.ok(roster.text.includes('家中有事，已提前电话告知'));
  });
});
