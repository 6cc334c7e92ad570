// Browser test of volunteers' hours on the demo data (刘思远 has verified hours
// (demo_stars.c) and reported an afternoon that waits for the coordinator, demo_hours.c; 赵子涵
// was checked in and out of last weekend's shift): on a phone he sees his verified time and points, his records
// and reports another service; the coordinator verifies it from the queue on a desktop, and his
// total grows; the shift's page shows its QR code, large enough to scan, over its roster.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/volunteer-hours-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const VOLUNTEER = { phone: '13800002001', password: 'Demo2026zy' }; // 刘思远
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' };

const h = new Harness('volunteer-hours');
let base, reportId, projectId, minutesBefore, pointsBefore;

before(async () => { base = await h.start(); });
after(async () => { await h.stop(); });

const yesterday = () => new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);

test('the volunteer sees his hours and reports a service on his phone', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, VOLUNTEER);
  await page.goto(`${base}/me/volunteer-hours`);
  await checkShell(page);
  // his star hours (demo_stars.c)
  minutesBefore = +(await page.locator('#verified-minutes').getAttribute('data-minutes'));
  pointsBefore = +(await page.locator('#points').textContent());
  assert.ok(minutesBefore > 0, `${minutesBefore} minutes`);
  const rows = page.locator('#my-hours tbody tr');
  const rowsBefore = await rows.count();
  assert.ok(rowsBefore >= 2, 'his star hours and a pending report at least');
  await h.shot(page, 'volunteer-hours-01-phone-my-hours');

  const form = page.locator('#report-form');
  // the demo's project of his street (other districts' projects are listed too)
  await form.locator('select[name="project_id"]').selectOption({ label: '大渡口街道文化站周末图书整理与阅读推广' });
  await form.locator('input[name="date"]').fill(yesterday());
  await form.locator('input[name="start"]').fill('18:00');
  await form.locator('input[name="end"]').fill('19:30');
  await form.locator('textarea[name="note"]').fill('协助晚间亲子阅读活动签到引导');
  await Promise.all([page.waitForURL(/\/me\/volunteer-hours\?msg=submitted$/),
                     form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#flash').count(), 1);
  assert.equal(await rows.count(), Math.min(rowsBefore + 1, 20));
  reportId = await rows.first().getAttribute('data-id');
  const api = await page.request.get(`${base}/api/v1/me/volunteer/hours?limit=100`);
  const mine = await api.json();
  assert.equal(mine.items[0].id, +reportId);
  assert.equal(mine.items[0].minutes, 90);
  assert.equal(mine.items[0].status, 'pending');
  projectId = mine.items[0].project_id;
  await h.shot(page, 'volunteer-hours-02-phone-reported');
});

test('the coordinator verifies it from the queue, and the total grows', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, COORDINATOR);
  await page.goto(`${base}/volunteer-hours/queue`);
  await checkShell(page);
  const row = page.locator(`#hours-queue tr[data-id="${reportId}"]`);
  assert.equal(await row.count(), 1);
  await h.shot(page, 'volunteer-hours-03-desktop-queue');
  await Promise.all([page.waitForURL(/\/volunteer-hours\/queue\?msg=decided$/),
                     row.locator('button[value="verify"]').click()]);
  assert.equal(await page.locator(`#hours-queue tr[data-id="${reportId}"]`).count(), 0);

  // the page of last weekend's shift: its code and its roster (赵子涵 checked in and out)
  const shifts = await (await page.request.get(`${base}/api/v1/volunteer-projects/${projectId}/shifts`)).json();
  const past = (shifts.items || shifts).find((x) => Date.parse(x.ends_at) < Date.now());
  assert.ok(past, JSON.stringify(shifts).slice(0, 300));
  // from the coordinator's page of the shift, its link to the code
  await page.goto(`${base}/admin/volunteering/shifts/${past.id}`);
  await Promise.all([page.waitForURL(new RegExp(`/volunteer-shifts/${past.id}/qr$`)),
                     page.locator('#shift-qr-link').click()]);
  await checkShell(page);
  const qr = await page.locator('#shift-qr svg').boundingBox();
  assert.ok(qr && qr.width >= 100, `a QR code big enough to scan: ${JSON.stringify(qr)}`);
  assert.equal(await page.locator('#shift-roster tr[data-status="completed"]').count(), 1);
  await h.shot(page, 'volunteer-hours-04-desktop-shift-code');

  const { page: phone } = await h.newPage(PHONE);
  await h.login(phone, VOLUNTEER);
  await phone.goto(`${base}/me/volunteer-hours`);
  assert.equal(+(await phone.locator('#verified-minutes').getAttribute('data-minutes')), minutesBefore + 90);
  assert.equal(+(await phone.locator('#points').textContent()), pointsBefore + 1);
});

test('no page had a script error or a server error', () => {
  assert.deepEqual(h.problems, []);
});
