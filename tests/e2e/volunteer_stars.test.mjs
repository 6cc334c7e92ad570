// Browser test of the star levels' public notice on the demo data (demo_stars.c: 杨丽华's
// application for one star is on notice): anyone sees it on a phone with her name masked, as
// the API lists it; a logged-in resident objects to it there, and the application then counts
// the objection, which the coordinator reads.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/volunteer-stars-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, checkShell } from './lib.mjs';

const RESIDENT = { phone: '13800002003', password: 'Demo2026zy' }; // 赵子涵
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' };
const REASON = '该志愿者部分服务时长与实际不符，请核实。';

const h = new Harness('volunteer-stars');
let base, app;

before(async () => { base = await h.start(); });
after(async () => { await h.stop(); });

test('the public notice shows the application, the name masked, as the API does', async () => {
  const list = await (await fetch(`${base}/api/v1/volunteer-star-applications`)).json();
  app = list.items.find((a) => a.name === '杨*华');
  assert.ok(app, JSON.stringify(list).slice(0, 300));
  assert.equal(app.status, 'notice');
  assert.equal(app.level, 1);
  assert.equal(app.objections, 0);

  const { page } = await h.newPage(PHONE);
  await page.goto(`${base}/volunteer-stars`);
  await checkShell(page);
  const row = page.locator(`#star-notice tr#star-app-${app.id}`);
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('.star-name').textContent()).trim(), '杨*华');
  assert.doesNotMatch(await page.content(), /杨丽华/);
  // no objection form for someone not logged in
  assert.equal(await row.locator('form').count(), 0);
  await h.shot(page, 'volunteer-stars-01-phone-notice');
});

test('a resident objects on the notice page, and the application counts it', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, RESIDENT);
  await page.goto(`${base}/volunteer-stars`);
  const form = page.locator(`#star-app-${app.id} form`);
  await form.locator('input[name="reason"]').fill(REASON);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/volunteer-stars/${app.id}/object`)),
    form.locator('button[type="submit"]').click()]);
  assert.equal(resp.status(), 303);
  assert.match(resp.headers().location, /\/volunteer-stars\?msg=submitted$/);
  await checkShell(page);
  await h.shot(page, 'volunteer-stars-02-phone-objected');
  const a = await (await page.request.get(`${base}/api/v1/volunteer-star-applications/${app.id}`)).json();
  assert.equal(a.objections, 1);
  assert.equal(a.status, 'notice');

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(COORDINATOR),
  });
  const { token } = await login.json();
  const os = await (await fetch(`${base}/api/v1/volunteer-star-applications/${app.id}/objections`,
                                { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.equal(os.items.length, 1);
  assert.equal(os.items[0].reason, REASON);
});

test('no page had a script error or a server error', () => {
  assert.deepEqual(h.problems, []);
});
