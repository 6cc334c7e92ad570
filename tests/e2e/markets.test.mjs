// Browser test of the culture markets (文化市集) on the demo data: the list, the demo's weekend
// market with its stall map and public list of stall-holders (on a phone and a desktop), the
// demo citizen's application among hers, the panel's page and the organiser's page (the
// ranking is made, the stalls keep the rules, the map is published); and a stall-holder's
// application through the form, with the food licence attached.
//
// Run by CTest as `node --test` with WY_BIN, WY_SOURCE_DIR and WY_BUILD_DIR set; screenshots
// in $WY_BUILD_DIR/artifacts/e2e/markets-*.png. Assertions are on ids, structure and the demo's
// data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const CITIZEN = { phone: '13800000006', password: 'Demo2026cz' }; // 王小梅, a demo stall-holder
const ORGANISER = { phone: '13900000002', password: 'Demo2026dq' }; // district admin of 东区
const REVIEWER = { phone: '13900000003', password: 'Demo2026rv1' }; // 东区's reviewer
const CITY_ADMIN = { phone: '13900000001', password: 'Demo2026pzh' };
const SPRING = '炳草岗周末文化市集'; // src/mod/markets/demo_markets.c

const h = new Harness('markets');
let base, marketId;

before(async () => {
  base = await h.start();
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

test('the list and the demo market with its stall map, on a phone and a desktop', async () => {
  for (const [vp, name] of [[PHONE, 'phone'], [DESKTOP, 'desktop']]) {
    const { context, page } = await h.newPage(vp);
    await page.goto(`${base}/markets`);
    await checkShell(page);
    const link = page.locator('#market-list a', { hasText: SPRING });
    await link.click();
    await page.waitForSelector('#stall-map svg');
    marketId = Number(/\/markets\/(\d+)/.exec(page.url())[1]);
    await checkShell(page);
    assert.equal(await page.locator('#market-title').textContent(), SPRING);
    // twelve stalls on the plan, nine of them with a stall-holder's colour and name
    assert.equal(await page.locator('#stall-map g.stall').count(), 12);
    const named = await page.locator('#stall-map g.stall rect[fill]:not([fill="#fafafa"])').count();
    assert.equal(named, 9);
    const rows = await page.locator('#stall-holders tbody tr').count();
    assert.equal(rows, 9);
    const text = await page.locator('#stall-holders').textContent();
    assert.match(text, /盐边羊肉米线/);
    assert.ok(!/138000010/.test(await page.content()), 'no stall-holder\'s number on the public page');
    await h.shot(page, `markets-market-${name}`);
    await context.close();
  }
});

test('the demo citizen sees her application; the panel and the organiser their pages', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, CITIZEN);
  await page.goto(`${base}/me/market-applications`);
  await checkShell(page);
  assert.match(await page.locator('#my-market-applications').textContent(), /小梅手作香囊/);
  await h.shot(page, 'markets-mine');
  await context.close();

  const panel = await h.newPage(DESKTOP);
  await h.login(panel.page, REVIEWER);
  await panel.page.goto(`${base}/admin/market-panel`);
  assert.ok(await panel.page.locator('#admin-market-list a').count() >= 2);
  await panel.page.goto(`${base}/admin/market-panel/${marketId}`);
  await checkShell(panel.page);
  // decided: nothing left to score, each application with its record at earlier markets
  assert.equal(await panel.page.locator('.panel-application').count(), 11);
  assert.equal(await panel.page.locator('.score-form').count(), 0);
  const yi = panel.page.locator('.panel-application', { hasText: '彝家刺绣坊' });
  assert.match(await yi.locator('.record').textContent(), /1\D+1\D+0/); // 1 market, 1 late, 0 no-shows
  await h.shot(panel.page, 'markets-panel');
  await panel.context.close();

  const org = await h.newPage(DESKTOP);
  await h.login(org.page, ORGANISER);
  await org.page.goto(`${base}/admin/markets/${marketId}`);
  await checkShell(org.page);
  assert.equal(await org.page.locator('#applications-table tbody tr').count(), 11);
  assert.equal(await org.page.locator('#assignment-ok').count(), 1, 'the demo assignment keeps every rule');
  assert.equal(await org.page.locator('#stall-holders-admin tbody tr').count(), 9);
  await h.shot(org.page, 'markets-organiser');
  await org.context.close();
});

test('a stall-holder applies through the form, with the food licence', async () => {
  // a market taking applications now, written through the API by the city admin
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(CITY_ADMIN),
  });
  const { token } = await login.json();
  const api = (method, p, body) => fetch(`${base}${p}`, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: await r.json() }));
  const m = await api('POST', '/api/v1/markets', {
    title: '金沙江畔夜市', division: '510402001', address: '攀枝花市东区滨江大道', lon: 101.72, lat: 26.58,
    starts_at: iso(now + 7 * 86400000), ends_at: iso(now + 7 * 86400000 + 4 * 3600000),
    apply_opens_at: iso(now - 3600000), apply_closes_at: iso(now + 3 * 86400000), confirm_by: iso(now + 5 * 86400000),
    categories: [{ category: 'food', quota: 4 }],
    stalls: [{ number: 'A1', row: 'A', position: 1, power: true, water: true }],
  });
  assert.equal(m.status, 201, JSON.stringify(m.json));
  const s = await api('POST', `/api/v1/markets/${m.json.id}/submit`);
  assert.equal(s.status, 200);
  for (const rv of [REVIEWER, { phone: '13900000004', password: 'Demo2026rv2' }]) {
    const l = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rv) });
    const t = (await l.json()).token;
    const q = await fetch(`${base}/api/v1/reviews?status=pending&limit=200`, { headers: { Authorization: `Bearer ${t}` } }).then((r) => r.json());
    const item = q.items.find((x) => x.content_type === 'market' && x.content_id === m.json.id);
    await fetch(`${base}/api/v1/reviews/${item.id}/decision`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: JSON.stringify({ decision: 'approve' }),
    });
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'wy-e2e-markets-'));
  const licence = path.join(dir, 'licence.png');
  writeFileSync(licence, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d605b30000000049454e44ae426082', 'hex'));
  const { context, page } = await h.newPage(PHONE);
  await h.login(page, CITIZEN);
  await page.goto(`${base}/markets/${m.json.id}`);
  await page.locator('#apply-link').click();
  const form = page.locator('#market-apply-form');
  await form.locator('input[name="stall_name"]').fill('攀枝花烧烤');
  await form.locator('select[name="category"]').selectOption('food');
  await form.locator('textarea[name="products"]').fill('烤串、烤豆腐');
  await form.locator('input[name="needs_power"]').check();
  await form.locator('input[name="licence"]').setInputFiles(licence);
  await h.shot(page, 'markets-apply-phone');
  await Promise.all([page.waitForURL(/\/me\/market-applications/), form.locator('button[type="submit"]').click()]);
  await checkShell(page);
  assert.equal(await page.locator('#flash').count(), 1);
  const mine = page.locator('#my-market-applications li', { hasText: '攀枝花烧烤' });
  assert.equal(await mine.locator('.badge.submitted').count(), 1);
  await context.close();
});
