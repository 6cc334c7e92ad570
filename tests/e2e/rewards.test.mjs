// Browser test of the points supermarket on the demo data (demo_rewards.c: four items of
// 东区文化志愿者协会; 赵子涵 holds the demo award's points and those of her verified hours): on
// a phone she redeems an item from /rewards, finds its collection code among her redemptions
// and her balance down by its cost on "my points"; the coordinator enters the code at the desk
// on a desktop, and the redemption is collected.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/rewards-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const ZHAO = { phone: '13800002003', password: 'Demo2026zy' }; // 赵子涵
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' };
const ITEM = '周末公益京剧专场优先预约资格';

const h = new Harness('rewards');
let base, item, code, redemptionId;

before(async () => {
  base = await h.start();
  const items = await (await fetch(`${base}/api/v1/rewards?limit=100`)).json();
  item = items.items.find((i) => i.title === ITEM);
  assert.ok(item, JSON.stringify(items).slice(0, 300));
});
after(async () => { await h.stop(); });

test('on a phone, a volunteer redeems an item and sees its code and her points', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, ZHAO);
  const before = (await (await page.request.get(`${base}/api/v1/me/points`)).json()).balance;
  assert.ok(before >= item.cost, `${before} points for an item of ${item.cost}`);

  await page.goto(`${base}/rewards`);
  await checkShell(page);
  const card = page.locator(`#rewards #reward-${item.id}`);
  assert.equal(await card.count(), 1);
  await h.shot(page, 'rewards-01-phone-catalogue');
  await Promise.all([page.waitForURL(/\/me\/redemptions$/),
                     card.locator(`form[action="/rewards/${item.id}/redeem"] button`).click()]);
  await checkShell(page);
  const mine = await (await page.request.get(`${base}/api/v1/me/redemptions`)).json();
  const r = mine.items.find((x) => x.item_id === item.id);
  assert.equal(r.status, 'confirmed');
  redemptionId = r.id;
  code = r.code;
  const shown = page.locator(`#redemption-${redemptionId} .code`);
  assert.equal((await shown.textContent()).trim(), code);
  await h.shot(page, 'rewards-02-phone-code');

  await page.goto(`${base}/me/points`);
  await checkShell(page);
  assert.equal(+(await page.locator('#balance strong').textContent()), before - item.cost);
  const after = (await (await page.request.get(`${base}/api/v1/me/points`)).json()).balance;
  assert.equal(after, before - item.cost);
});

test('the coordinator collects it by its code at the desk', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, COORDINATOR);
  await page.goto(`${base}/admin/rewards`);
  await checkShell(page);
  const form = page.locator('#collect-form');
  await form.locator('input[name="code"]').fill(code);
  await Promise.all([page.waitForURL(/\/admin\/rewards\?done=collected$/),
                     form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#flash').count(), 1);
  await h.shot(page, 'rewards-03-desktop-collected');
  // a second time the same code is refused
  await form.locator('input[name="code"]').fill(code);
  const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/rewards/collect')),
                                    form.locator('button[type="submit"]').click()]);
  assert.ok(resp.status() >= 400 && resp.status() < 500, `HTTP ${resp.status()}`);

  const { page: phone } = await h.newPage(PHONE);
  await h.login(phone, ZHAO);
  const mine = await (await phone.request.get(`${base}/api/v1/me/redemptions`)).json();
  const r = mine.items.find((x) => x.id === redemptionId);
  assert.equal(r.status, 'collected');
  assert.ok(r.collected_at);
  await phone.goto(`${base}/me/redemptions`);
  assert.equal(await phone.locator(`#redemption-${redemptionId} .code`).count(), 0);
});

test('no page had a script error or a server error', () => {
  assert.deepEqual(h.problems, []);
});
