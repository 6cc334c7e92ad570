// Browser test of what citizens do most: find an activity, book a seat, see the QR code,
// cancel; and of the venue staff's check-in at the door. On the demo data (src/demo.c
// publishes five activities at the demo venues of 东区 through the review chain).
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/bookings-*.png. Assertions are on ids, classes,
// statuses and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

// src/demo.c
const CITIZEN = { phone: '13800000006', password: 'Demo2026cz' };
const DISTRICT_ADMIN = { phone: '13900000002', password: 'Demo2026dq' }; // publishes in 510402
const REVIEWERS = [{ phone: '13900000003', password: 'Demo2026rv1' }, { phone: '13900000004', password: 'Demo2026rv2' }];
const OPERA = '周末公益京剧专场';
const LECTURE = '三线建设口述史讲座';
const CALLIGRAPHY = '书法入门公益课';

const h = new Harness('bookings');
let base;

before(async () => { base = await h.start(); });
after(async () => { await h.stop(); });

/** A JSON API call with a bearer token; returns {status, json}. */
async function api(method, path, token, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null, text };
}
const token = async (who) => (await api('POST', '/api/v1/auth/login', null, who)).json.token;

/** An activity whose session starts in half an hour (check-in opens an hour before the start),
 * published through the review chain; the citizen's booking of it: {title, code}. */
async function bookAtTheDoor() {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const start = Date.now() + 30 * 60000;
  const title = `社区合唱排练 ${Date.now() % 100000}`;
  const da = await token(DISTRICT_ADMIN);
  const a = await api('POST', '/api/v1/activities', da, {
    title, category: 'performance', division: '510402001', description: '今晚排练，凭二维码入场。',
    sessions: [{ starts_at: iso(start), ends_at: iso(start + 2 * 3600000), capacity: 20 }],
  });
  assert.equal(a.status, 201, a.text);
  assert.equal((await api('POST', `/api/v1/activities/${a.json.id}/submit`, da)).status, 200);
  for (const rv of REVIEWERS) {
    const t = await token(rv);
    const q = await api('GET', '/api/v1/reviews?status=pending', t);
    const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === a.json.id);
    assert.ok(item, q.text);
    assert.equal((await api('POST', `/api/v1/reviews/${item.id}/decision`, t, { decision: 'approve' })).status, 200);
  }
  const sid = (await api('GET', `/api/v1/activities/${a.json.id}`, null)).json.sessions[0].id;
  const b = await api('POST', `/api/v1/sessions/${sid}/bookings`, await token(CITIZEN), {});
  assert.equal(b.status, 201, b.text);
  return { title, code: b.json.code };
}

/** The booking card on /me/bookings for the activity titled title. */
const card = (page, title) => page.locator('#my-bookings section.booking', { hasText: title });

test('a citizen searches, books, sees the QR code and cancels; staff check the code in once', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, CITIZEN);

  // search: the list narrows to the matching activity
  await page.goto(`${base}/activities`);
  await checkShell(page);
  const all = await page.locator('#activity-list li').allTextContents();
  assert.ok(all.some((t) => t.includes(OPERA)) && all.some((t) => t.includes(CALLIGRAPHY)),
            `the demo activities are listed: ${all.join(' | ')}`);
  await page.locator('#activity-filters input[name="q"]').fill('京剧');
  await Promise.all([page.waitForURL(/[?&]q=/), page.locator('#activity-filters button[type="submit"]').click()]);
  const found = await page.locator('#activity-list li').allTextContents();
  assert.equal(found.length, 1, `one activity matches 京剧: ${found.join(' | ')}`);
  assert.ok(found[0].includes(OPERA));
  await h.shot(page, 'bookings-01-phone-search');

  // the activity page: sessions, each with a book button
  await page.locator('#activity-list a', { hasText: OPERA }).click();
  await page.waitForURL(/\/activities\/\d+$/);
  await checkShell(page);
  const sessions = page.locator('#sessions li');
  assert.equal(await sessions.count(), 2, 'the opera has two sessions');
  await h.shot(page, 'bookings-02-phone-activity');
  await Promise.all([page.waitForURL(/\/me\/bookings\?msg=booked$/),
                     sessions.first().locator('form.book button[type="submit"]').click()]);

  // my bookings: confirmed, with a QR code (an inline SVG) and its code
  const opera = card(page, OPERA);
  assert.equal(await opera.count(), 1);
  assert.equal(await opera.locator('.badge.confirmed').count(), 1, 'confirmed');
  const qr = opera.locator('.qr svg');
  assert.equal(await qr.count(), 1, 'a QR code');
  const box = await qr.boundingBox();
  assert.ok(box && box.width >= 120 && box.height >= 120, `the QR code is big enough to scan: ${JSON.stringify(box)}`);
  const code = (await opera.locator('p.code').textContent()).trim();
  assert.match(code, /^[A-Za-z0-9_-]{20}$/, 'an unguessable booking code');
  await h.shot(page, 'bookings-03-phone-my-booking-qr');

  // booking the same session again is refused, and says so on the activity page
  await page.goto(`${base}/activities?q=${encodeURIComponent('京剧')}`);
  await page.locator('#activity-list a', { hasText: OPERA }).click();
  await page.waitForURL(/\/activities\/\d+$/);
  const again = page.locator('#sessions li').first().locator('form.book button[type="submit"]');
  if (await again.count()) {
    await Promise.all([page.waitForURL(/msg=duplicate$/), again.click()]);
  }

  // a second booking, then cancelled: the card says cancelled and shows no QR code
  await page.goto(`${base}/activities?q=${encodeURIComponent('口述史')}`);
  await page.locator('#activity-list a', { hasText: LECTURE }).click();
  await page.waitForURL(/\/activities\/\d+$/);
  await Promise.all([page.waitForURL(/\/me\/bookings\?msg=booked$/),
                     page.locator('#sessions li').first().locator('form.book button[type="submit"]').click()]);
  const lecture = card(page, LECTURE);
  assert.equal(await lecture.locator('.badge.confirmed').count(), 1);
  await Promise.all([page.waitForURL(/\/me\/bookings\?msg=cancelled$/),
                     lecture.locator('form button[type="submit"]').click()]);
  assert.equal(await card(page, LECTURE).locator('.badge.cancelled').count(), 1, 'cancelled');
  assert.equal(await card(page, LECTURE).locator('.qr svg').count(), 0, 'no QR code for a cancelled booking');
  assert.equal(await card(page, OPERA).locator('.badge.confirmed').count(), 1, 'the other booking stays');
  await h.shot(page, 'bookings-04-phone-cancelled');

  // staff at the door (a desktop): the opera is days away, so its code does not work yet
  const staff = await h.newPage(DESKTOP);
  await h.login(staff.page, DISTRICT_ADMIN);
  await staff.page.goto(`${base}/checkin`);
  await checkShell(staff.page);
  await staff.page.locator('#checkin-code').fill(code);
  const [early] = await Promise.all([
    staff.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/checkin'),
    staff.page.locator('#checkin-form button[type="submit"]').click(),
  ]);
  assert.equal(early.status(), 409, 'check-in opens an hour before the session');
  await h.shot(staff.page, 'bookings-05-desktop-checkin-not-yet');

  // a session starting in half an hour: its code is checked in once
  const door = await bookAtTheDoor();
  await staff.page.goto(`${base}/checkin`);
  await staff.page.locator('#checkin-code').fill(door.code);
  const [first] = await Promise.all([
    staff.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/checkin'),
    staff.page.locator('#checkin-form button[type="submit"]').click(),
  ]);
  assert.equal(first.status(), 303, 'the check-in is accepted');
  await staff.page.waitForURL(/\/checkin\?ok=/);
  assert.equal(await staff.page.locator('#checkin-ok').count(), 1);
  assert.match(await staff.page.locator('#checkin-ok').textContent(), /1/, 'it says how many people walk in');
  await h.shot(staff.page, 'bookings-05-desktop-checkin');

  await staff.page.locator('#checkin-code').fill(door.code);
  const [second] = await Promise.all([
    staff.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/checkin'),
    staff.page.locator('#checkin-form button[type="submit"]').click(),
  ]);
  assert.equal(second.status(), 409, 'a code works once');
  await h.shot(staff.page, 'bookings-06-desktop-checkin-again');

  // an unknown code
  await staff.page.goto(`${base}/checkin`);
  await staff.page.locator('#checkin-code').fill('not-a-real-code-000000');
  const [unknown] = await Promise.all([
    staff.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/checkin'),
    staff.page.locator('#checkin-form button[type="submit"]').click(),
  ]);
  assert.equal(unknown.status(), 404);

  // the citizen sees the booking as checked in; the opera's is still confirmed
  await page.goto(`${base}/me/bookings`);
  assert.equal(await card(page, door.title).locator('.badge.checked_in').count(), 1, 'checked in');
  assert.equal(await card(page, OPERA).locator('.badge.confirmed').count(), 1, 'not yet checked in');

  // a citizen cannot open the check-in page
  const r = await page.goto(`${base}/checkin`);
  assert.equal(r.status(), 403);

  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or 5xx answers');
});
