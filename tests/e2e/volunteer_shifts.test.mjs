// Browser test of volunteers' sign-ups on the demo data (demo_shifts.c: next Saturday's shift
// of the demo project has 3 places, 刘思远 and 杨丽华 hold two): on a phone 赵子涵 signs up for
// the last place and finds the shift on "my volunteering"; the shift is then full, so the next
// volunteer (the demo coordinator, registered as a volunteer through the API) joins its waiting
// list, first in line. Each step is checked against what the API then says.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/volunteer-shifts-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, checkShell } from './lib.mjs';

const ZHAO = { phone: '13800002003', password: 'Demo2026zy' }; // 赵子涵
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' };
const PROJECT = '大渡口街道文化站周末图书整理与阅读推广';

const h = new Harness('volunteer-shifts');
let base, projectId, shiftId;

before(async () => {
  base = await h.start();
  const projects = await (await fetch(`${base}/api/v1/volunteer-projects?division=510402`)).json();
  projectId = projects.items.find((p) => p.title === PROJECT).id;
  const shifts = await (await fetch(`${base}/api/v1/volunteer-projects/${projectId}/shifts`)).json();
  const saturday = (shifts.items || shifts).find((s) => s.capacity === 3 && Date.parse(s.starts_at) > Date.now());
  assert.ok(saturday, JSON.stringify(shifts).slice(0, 300));
  assert.equal(saturday.places_left, 1);
  shiftId = saturday.id;
});
after(async () => { await h.stop(); });

async function token({ phone, password }) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone, password }),
  });
  assert.equal(r.status, 200);
  return (await r.json()).token;
}

async function myShift(page) {
  const r = await page.request.get(`${base}/api/v1/me/volunteer-shifts`);
  assert.equal(r.status(), 200);
  return (await r.json()).items.find((g) => g.shift.id === shiftId);
}

test('on a phone, a volunteer takes the last place and sees it on "my volunteering"', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, ZHAO);
  await page.goto(`${base}/volunteering/projects/${projectId}`);
  await checkShell(page);
  const li = page.locator(`#shift-${shiftId}`);
  const signup = li.locator(`form[action="/volunteering/shifts/${shiftId}/signup"] button`);
  assert.equal(await signup.count(), 1);
  await h.shot(page, 'volunteer-shifts-01-phone-project');
  await Promise.all([page.waitForURL(/\?msg=/), signup.click()]);
  assert.equal(await page.locator('#flash').count(), 1);
  // now hers: the button to give it up instead of the one to sign up
  assert.equal(await li.locator('form[action$="/cancel"]').count(), 1);

  await page.goto(`${base}/me/volunteering`);
  await checkShell(page);
  const mine = page.locator(`#my-shifts li[data-shift="${shiftId}"]`);
  assert.equal(await mine.count(), 1);
  assert.equal(await mine.getAttribute('data-status'), 'confirmed');
  await h.shot(page, 'volunteer-shifts-02-phone-mine');
  const g = await myShift(page);
  assert.equal(g.status, 'confirmed');
  assert.equal(g.position, null);
  const shift = await (await page.request.get(`${base}/api/v1/volunteer-shifts/${shiftId}`)).json();
  assert.equal(shift.places_left, 0);
  assert.equal(shift.taken, 3);
});

test('the full shift puts the next volunteer on its waiting list', async () => {
  // the coordinator registers as a volunteer
  const t = await token(COORDINATOR);
  const reg = await fetch(`${base}/api/v1/volunteers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
    body: JSON.stringify({ real_name: '陈协调', birth_date: '1985-05-05', skills: ['library'],
                           availability: '周末', areas: ['510402001'] }),
  });
  assert.equal(reg.status, 201, await reg.text());

  const { page } = await h.newPage(PHONE);
  await h.login(page, COORDINATOR);
  await page.goto(`${base}/volunteering/projects/${projectId}`);
  const li = page.locator(`#shift-${shiftId}`);
  const join = li.locator(`form[action="/volunteering/shifts/${shiftId}/signup"] button`);
  assert.equal(await join.count(), 1);
  await Promise.all([page.waitForURL(/\?msg=/), join.click()]);
  await checkShell(page);
  await h.shot(page, 'volunteer-shifts-03-phone-waitlisted');

  await page.goto(`${base}/me/volunteering`);
  const mine = page.locator(`#my-shifts li[data-shift="${shiftId}"]`);
  assert.equal(await mine.getAttribute('data-status'), 'waitlisted');
  const g = await myShift(page);
  assert.equal(g.status, 'waitlisted');
  assert.equal(g.position, 1);
  const shift = await (await page.request.get(`${base}/api/v1/volunteer-shifts/${shiftId}`)).json();
  assert.equal(shift.waiting, 1);
  assert.equal(shift.taken, 3);
});

test('no page had a script error or a server error', () => {
  assert.deepEqual(h.problems, []);
});
