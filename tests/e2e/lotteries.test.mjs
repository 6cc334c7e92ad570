// Browser test of a lottery's live page (/lotteries/{id}, src/mod/lotteries/pages_lotteries.c
// and static/lottery.js) on the demo data: the demo term at 攀枝花市文化馆 has the demo
// citizen's application for two lottery courses. Staff close its window and open, commit and
// draw its lottery through the API while a visitor keeps the page open: the page follows
// open -> committed (the commitment, the beacon round with its link, a countdown) -> drawn (the
// verification, the files, the results) by itself, and stops asking once drawn; the citizen
// finds their receipt by their pseudonym. No inline script: a CSP violation fails the test.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/lotteries-*.png. Assertions are on ids, classes and
// data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';
import { loginAs, DEMO } from '../http/lib.mjs';

const VALUE = 'fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const h = new Harness('lotteries');
let base;

before(async () => { base = await h.start(); });
after(async () => { await h.stop(); });

test('the lottery page follows the draw from open to drawn; a receipt is found by pseudonym', async () => {
  const admin = await loginAs(base, DEMO.cityAdmin);
  const citizen = await loginAs(base, DEMO.citizen);
  const mine = await citizen.get('/api/v1/me/courses');
  assert.equal(mine.status, 200, mine.text);
  const app = mine.json.applications.find((a) => a.status === 'active');
  assert.ok(app, mine.text);
  const term = app.term_id;
  assert.equal((await admin.patch(`/api/v1/course-terms/${term}`, { enrol_closes_at: iso(Date.now() - 1000) })).status, 200);
  const opened = await admin.post(`/api/v1/course-terms/${term}/lottery`);
  assert.equal(opened.status, 200, opened.text);
  const id = opened.json.id;

  const { page } = await h.newPage(DESKTOP);
  const polls = [];
  page.on('request', (r) => { if (r.url().endsWith(`/api/v1/lotteries/${id}`)) polls.push(Date.now()); });
  await page.goto(`${base}/lotteries/${id}`);
  await checkShell(page);
  assert.equal(await page.locator('#lottery').getAttribute('data-status'), 'open');
  assert.equal(await page.locator('#lottery-stages li.current').count(), 1);
  assert.equal(await page.locator('#lottery-stages li.done').count(), 0);
  await h.shot(page, 'lotteries-01-open');

  // committed while the page is open: it shows the commitment, the round and a countdown
  const c = await admin.post(`/api/v1/lotteries/${id}/commit`, { draw_at: iso(Date.now() + 12000) });
  assert.equal(c.status, 200, c.text);
  await page.locator('#lottery[data-status="committed"]').waitFor({ timeout: 20000 });
  const text = await page.locator('#lottery').textContent();
  assert.ok(text.includes(c.json.commitment), 'the commitment');
  assert.equal(await page.locator('#beacon-round').textContent(), String(c.json.beacon.round));
  assert.equal(await page.locator('#beacon-link').getAttribute('href'),
               `https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/${c.json.beacon.round}`);
  assert.equal(await page.locator('#lottery-stages li.done').count(), 1);
  await page.locator('#countdown-left').filter({ hasText: /^\d\d:\d\d:\d\d$/ }).waitFor();
  await h.shot(page, 'lotteries-02-committed');
  // the countdown runs out: the round is out
  await page.locator('#round-out').waitFor({ state: 'visible', timeout: 20000 });
  assert.ok(await page.locator('#countdown').isHidden());

  // drawn: the page follows, shows the verification and the files, and stops asking
  await sleep(Math.max(0, Date.parse(c.json.beacon.due_at) - Date.now() + 200));
  const d = await admin.post(`/api/v1/lotteries/${id}/draw`, { beacon_value: VALUE });
  assert.equal(d.status, 200, d.text);
  await page.locator('#lottery[data-status="drawn"]').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#verify-result').getAttribute('data-outcome'), 'verified');
  assert.equal(await page.locator(`a[href="/api/v1/lotteries/${id}/draw.json"]`).count() >= 1, true);
  assert.equal(await page.locator(`a[href="/api/v1/lotteries/${id}/inputs.json"]`).count() >= 1, true);
  assert.ok((await page.locator('#verification').textContent()).includes('wenyun lottery verify draw.json'));
  assert.ok(await page.locator('#items tbody tr').count() >= 2, 'the results per course');
  assert.equal(await page.locator('#lottery-stages li.done').count(), 3);
  await h.shot(page, 'lotteries-03-drawn');
  const after = polls.length;
  await sleep(9000);
  assert.equal(polls.length, after, 'a drawn lottery\'s page asks nothing more');

  // the citizen's receipt, by the pseudonym on their application
  const file = (await admin.get(`/api/v1/lotteries/${id}/draw.json`)).json;
  const line = file.applicants.find((a) => a.id === app.pseudonym);
  assert.ok(line, 'the citizen is in the draw');
  const { page: phone } = await h.newPage(PHONE);
  await phone.goto(`${base}/lotteries/${id}`);
  await checkShell(phone);
  await phone.locator('#receipt-q').fill(app.pseudonym);
  await Promise.all([phone.waitForURL(/[?&]q=/), phone.locator('#receipts button[type="submit"]').click()]);
  const rows = phone.locator('#receipt-table tbody tr');
  assert.equal(await rows.count(), 1);
  const row = await rows.textContent();
  assert.ok(row.includes(line.ticket) && row.includes(String(line.rank)), row);
  await h.shot(phone, 'lotteries-04-phone-receipt');
  await phone.locator('#receipt-q').fill('NO-SUCH-ONE');
  await Promise.all([phone.waitForURL(/q=NO-SUCH-ONE/), phone.locator('#receipts button[type="submit"]').click()]);
  assert.equal(await phone.locator('#receipt-none').count(), 1);

  assert.deepEqual(h.problems, []);
});
