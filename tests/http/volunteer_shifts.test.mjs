// Volunteer shifts through the API and the pages (src/mod/volunteers/shift.h, docs/volunteers.md
// "Shifts and sign-ups"): the demo's shifts in 东区, a coordinator's shift with its check code kept
// from the public, a crowd signing up for the last places at once (never past the capacity, the
// rest on the waiting list in order), a place given up promoting the first waiter, the refusals,
// an invitation found by skill and accepted, and the pages of volunteers and coordinators.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, cleanup } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402
const LIU = { phone: '13800002001', password: 'Demo2026zy' }; // demo volunteers
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('volunteer shifts', () => {
  let srv, admin, coord, liu, citizen, anon, project;

  async function newVolunteer(skills = ['usher']) {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const c = await loginAs(srv.base, { phone, password: PASSWORD });
    const v = await c.post('/api/v1/volunteers', { real_name: '陈志愿', birth_date: '1988-06-01', skills, availability: '周末', areas: ['510402001'] });
    assert.equal(v.status, 201, v.text);
    c.volunteerId = v.json.id;
    return c;
  }

  async function newShift(days, capacity, extra = {}) {
    const start = Date.now() + days * DAY;
    const r = await coord.post(`/api/v1/volunteer-projects/${project}/shifts`, {
      title: '测试班次', place: '大渡口街道综合文化站', capacity, skills: ['usher'],
      starts_at: iso(start), ends_at: iso(start + 2 * HOUR), ...extra,
    });
    assert.equal(r.status, 201, r.text);
    return r.json;
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1, register_per_minute: 1000000 } } });
    [admin, coord, liu, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, LIU),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    const r = await anon.get('/api/v1/volunteer-projects?division=510402001');
    project = r.json.items.find((p) => p.title === '大渡口街道文化站周末图书整理与阅读推广').id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('the demo\'s shifts are public, their check codes are not', async () => {
    const r = await anon.get(`/api/v1/volunteer-projects/${project}/shifts`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 3);
    for (const s of r.json.items) assert.equal(s.check_code, undefined);
    const staff = await coord.get(`/api/v1/volunteer-projects/${project}/shifts`);
    assert.ok(staff.json.items.every((s) => typeof s.check_code === 'string' && s.check_code.length >= 26));
    // 刘思远 holds a place and an invitation
    const mine = await liu.get('/api/v1/me/volunteer-shifts');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.json.items.map((g) => g.status).sort(), ['confirmed', 'invited']);
  });

  it('a coordinator writes shifts of their subtree; a citizen cannot', async () => {
    assertError(await citizen.post(`/api/v1/volunteer-projects/${project}/shifts`, { place: 'x', capacity: 1, starts_at: iso(Date.now() + DAY), ends_at: iso(Date.now() + DAY + HOUR) }), 403, 'forbidden');
    const bad = await coord.post(`/api/v1/volunteer-projects/${project}/shifts`, { place: 'x', capacity: 1, starts_at: iso(Date.now() - DAY), ends_at: iso(Date.now() + HOUR) });
    assertError(bad, 400, 'bad_time');
    assertError(await coord.post(`/api/v1/volunteer-projects/${project}/shifts`, { place: 'x', capacity: 1, starts_at: '明天', ends_at: iso(Date.now() + HOUR) }), 400, 'bad_time');
    const s = await newShift(20, 2);
    assert.equal(s.places_left, 2);
    const p = await coord.patch(`/api/v1/volunteer-shifts/${s.id}`, { capacity: 4, skills: ['guide', 'usher'] });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.capacity, 4);
    assert.deepEqual(p.json.skills, ['guide', 'usher']);
  });

  it('a crowd never passes the capacity, and the waiting list is served in order', async () => {
    const shift = await newShift(21, 3);
    const crowd = await Promise.all(Array.from({ length: 12 }, () => newVolunteer()));
    const answers = await Promise.all(crowd.map((c) => c.post(`/api/v1/volunteer-shifts/${shift.id}/signups`, {})));
    for (const a of answers) assert.equal(a.status, 201, a.text);
    const confirmed = answers.filter((a) => a.json.status === 'confirmed');
    const waiting = answers.filter((a) => a.json.status === 'waitlisted');
    assert.equal(confirmed.length, 3);
    assert.equal(waiting.length, 9);
    assert.equal(new Set(waiting.map((a) => a.json.position)).size, 9);
    const s = await anon.get(`/api/v1/volunteer-shifts/${shift.id}`);
    assert.equal(s.json.taken, 3);
    assert.equal(s.json.waiting, 9);
    // a second time: duplicate; the same Idempotency-Key again: the first answer
    const i = crowd.indexOf(crowd[answers.indexOf(confirmed[0])]);
    assertError(await crowd[i].post(`/api/v1/volunteer-shifts/${shift.id}/signups`, {}), 409, 'duplicate');
    const fresh = await newVolunteer();
    const k1 = await fresh.post(`/api/v1/volunteer-shifts/${shift.id}/signups`, {}, { headers: { 'Idempotency-Key': 'shift-try-1' } });
    const k2 = await fresh.post(`/api/v1/volunteer-shifts/${shift.id}/signups`, {}, { headers: { 'Idempotency-Key': 'shift-try-1' } });
    assert.equal(k1.status, 201);
    assert.equal(k2.status, 200);
    assert.equal(k2.json.id, k1.json.id);
    // a place given up: the first in line gets it
    const first = waiting.reduce((a, b) => (a.json.position < b.json.position ? a : b));
    const firstClient = crowd[answers.indexOf(first)];
    const holder = crowd[answers.indexOf(confirmed[0])];
    assertError(await firstClient.delete(`/api/v1/volunteer-signups/${confirmed[0].json.id}`), 404, 'not_found');
    const d = await holder.delete(`/api/v1/volunteer-signups/${confirmed[0].json.id}`);
    assert.equal(d.status, 200, d.text);
    const mine = await firstClient.get('/api/v1/me/volunteer-shifts');
    assert.equal(mine.json.items.find((g) => g.shift_id === shift.id).status, 'confirmed');
    const inbox = await firstClient.get('/api/v1/me/notifications');
    assert.ok(inbox.json.items.some((n) => n.kind === 'volunteer.shift_promoted'), inbox.text);
    // the roster: real names for the coordinator, phones masked
    const roster = await coord.get(`/api/v1/volunteer-shifts/${shift.id}/roster`);
    assert.equal(roster.status, 200);
    assert.equal(roster.json.items.filter((x) => x.status === 'confirmed').length, 3);
    assert.ok(roster.json.items.every((x) => x.name === '陈志愿' && /\*{4}/.test(x.phone)));
    assertError(await citizen.get(`/api/v1/volunteer-shifts/${shift.id}/roster`), 403, 'forbidden');
  });

  it('refuses a non-volunteer, an overlap, and a cancelled shift', async () => {
    const a = await newShift(30, 5);
    const b = await newShift(30, 5); // the same hours
    assertError(await citizen.post(`/api/v1/volunteer-shifts/${a.id}/signups`, {}), 404, 'not_registered');
    const v = await newVolunteer();
    assert.equal((await v.post(`/api/v1/volunteer-shifts/${a.id}/signups`, {})).status, 201);
    assertError(await v.post(`/api/v1/volunteer-shifts/${b.id}/signups`, {}), 409, 'overlap');
    const c = await coord.post(`/api/v1/volunteer-shifts/${b.id}/cancel`, {});
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.status, 'cancelled');
    assertError(await v.post(`/api/v1/volunteer-shifts/${b.id}/signups`, {}), 409, 'cancelled');
    // cancelling a shift frees and tells its volunteers
    assert.equal((await coord.post(`/api/v1/volunteer-shifts/${a.id}/cancel`, {})).status, 200);
    const mine = await v.get('/api/v1/me/volunteer-shifts?all=1');
    assert.equal(mine.json.items.find((g) => g.shift_id === a.id).status, 'cancelled');
  });

  it('a coordinator finds a free volunteer by skill and invites them; they accept', async () => {
    const shift = await newShift(40, 1);
    const v = await newVolunteer(['photography']);
    const found = await coord.get(`/api/v1/volunteer-shifts/${shift.id}/available?skill=photography&limit=100`);
    assert.equal(found.status, 200, found.text);
    const item = found.json.items.find((x) => x.id === v.volunteerId);
    assert.ok(item, found.text);
    assert.match(item.name, /\*/);
    const inv = await coord.post(`/api/v1/volunteer-shifts/${shift.id}/invitations`, { volunteer_id: v.volunteerId });
    assert.equal(inv.status, 201, inv.text);
    assertError(await coord.post(`/api/v1/volunteer-shifts/${shift.id}/invitations`, { volunteer_id: v.volunteerId }), 409, 'duplicate');
    assertError(await citizen.post(`/api/v1/volunteer-signups/${inv.json.id}/accept`, {}), 404, 'not_found');
    const acc = await v.post(`/api/v1/volunteer-signups/${inv.json.id}/accept`, {});
    assert.equal(acc.status, 200, acc.text);
    assert.equal(acc.json.status, 'confirmed');
    const again = await coord.get(`/api/v1/volunteer-shifts/${shift.id}/available?skill=photography&limit=100`);
    assert.ok(!again.json.items.some((x) => x.id === v.volunteerId));
  });

  it('the pages: projects with their shifts, sign-up by form, my volunteering, the coordinator\'s', async () => {
    const list = await anon.get('/volunteering');
    assert.equal(list.status, 200);
    assert.match(list.text, /大渡口街道文化站周末图书整理与阅读推广/);
    const shift = await newShift(50, 2);
    const page = await anon.get(`/volunteering/projects/${project}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`id="shift-${shift.id}"`));
    assert.ok(!page.text.includes(shift.check_code));
    // a volunteer signs up by the form
    const v = await newVolunteer();
    const csrf = await v.csrfToken();
    const form = await v.request('POST', `/volunteering/shifts/${shift.id}/signup`, { body: new URLSearchParams({ _csrf: csrf }) });
    assert.equal(form.status, 303, form.text);
    assert.match(form.headers.get('location'), /msg=vol_signed_up/);
    const mine = await v.get('/me/volunteering');
    assert.equal(mine.status, 200);
    assert.match(mine.text, /测试班次/);
    const admin1 = await coord.get('/admin/volunteering');
    assert.equal(admin1.status, 200);
    const one = await coord.get(`/admin/volunteering/shifts/${shift.id}`);
    assert.equal(one.status, 200);
    assert.ok(one.text.includes(shift.check_code));
    assert.match(one.text, /陈志愿/);
    assert.equal((await citizen.get('/admin/volunteering')).status, 403);
  });
});
