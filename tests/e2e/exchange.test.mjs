// Browser test of the cultural exchange pages on the demo data of 玉溪市 (demo_exchange.c): the
// city's demo admin writes a performance tour with three stops through the staff's form on a
// desktop (a refused form first: its error beside the field), submits it; the city reviewer
// approves it in the review queue; on a phone the public page finds it by its search box and
// shows its stops, partners and figures in Chinese and in English, with no phone number nor
// anyone's name; a partner's page shows it in the history of exchanges. Then the admin adds a
// partner whose relationship began years ago and has had no contact since: the alerts page
// lists it as dormant; the staff's pages fit a phone.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/exchange-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const ADMIN = { phone: '13900000041', password: 'Demo2026yx' }; // city admin of 玉溪市
const REVIEWER = { phone: '13900000042', password: 'Demo2026yx' }; // city reviewer of 玉溪市
const ADMIN_NAME = '玉溪市文化和旅游局交流合作科';
const TITLE = '花灯戏《山茶花开》粤港巡演';
const TITLE_EN = 'Flower Lantern Opera "Camellia" Tour of Guangdong';
const PARTNER = '广东佛山市'; // a demo partner of 玉溪市, domestic
const STOPS = [
  ['佛山大剧院', '佛山', '中国', '2026-05-02', '2026-05-03', '2', '2400'],
  ['广州大剧院', '广州', '中国', '2026-05-05', '2026-05-05', '1', '1600'],
  ['深圳保利剧院', '深圳', '中国', '2026-05-08', '2026-05-09', '2', '2800'],
];
const DORMANT = '意大利维罗纳市';

const h = new Harness('exchange');
let base, activityId;

before(async () => {
  base = await h.start();
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

test('the admin writes a tour with three stops through the form and submits it', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange`);
  await checkShell(page);
  let form = page.locator('#exchange-activity-form');
  assert.equal(await form.locator('input[name="division"]').inputValue(), '5304', 'the admin\'s area is offered');
  // the form's stop rows: four, and more on asking
  assert.equal(await form.locator('fieldset.stop-row').count(), 4);

  // refused: the end before the start; the error beside the field, what was written kept
  await form.locator('input[name="title"]').fill(TITLE);
  await form.locator('input[name="title_en"]').fill(TITLE_EN);
  await form.locator('textarea[name="summary"]').fill('玉溪市花灯剧团赴佛山、广州、深圳巡演花灯戏《山茶花开》。');
  await form.locator('textarea[name="summary_en"]').fill('The Yuxi Flower Lantern Troupe tours Foshan, Guangzhou and Shenzhen.');
  await form.locator('select[name="kind"]').selectOption('tour');
  await form.locator('select[name="scope"]').selectOption('domestic');
  await form.locator('input[name="starts_on"]').fill('2026-05-01');
  await form.locator('input[name="ends_on"]').fill('2026-04-30');
  const partner = form.locator('#activity-partners label', { hasText: PARTNER }).locator('input');
  await partner.check();
  const names = ['place', 'city', 'country', 'starts_on', 'ends_on', 'shows', 'audience'];
  for (const [i, stop] of STOPS.entries())
    for (const [k, v] of stop.entries()) await form.locator(`input[name="stop${i + 1}_${names[k]}"]`).fill(v);
  await Promise.all([page.waitForLoadState('domcontentloaded'), form.locator('button[type="submit"]').click()]);
  await page.waitForSelector('#error-ends_on');
  form = page.locator('#exchange-activity-form');
  assert.equal(await form.locator('input[name="title"]').inputValue(), TITLE, 'the refused form keeps what was written');
  assert.equal(await form.locator('input[name="stop3_place"]').inputValue(), STOPS[2][0]);
  assert.ok(await form.locator('#activity-partners label', { hasText: PARTNER }).locator('input').isChecked());
  await h.shot(page, 'exchange-01-refused');

  await form.locator('input[name="ends_on"]').fill('2026-05-10');
  await Promise.all([page.waitForURL(/msg=activity_created/), form.locator('button[type="submit"]').click()]);
  await checkShell(page);
  assert.equal(await page.locator('#flash').count(), 1);
  const item = page.locator('#exchange-admin-activities li', { hasText: TITLE });
  activityId = Number((await item.getAttribute('id')).replace('activity-', ''));
  assert.equal(await item.locator('.badge.draft').count(), 1);
  await Promise.all([page.waitForURL(/msg=activity_submitted/), item.locator('.submit-form button').click()]);
  assert.equal(await page.locator(`#activity-${activityId} .badge.pending`).count(), 1);
  await h.shot(page, 'exchange-02-submitted');
  // nobody decides their own: the admin's queue shows it without the buttons
  await page.goto(`${base}/admin/reviews`);
  const own = page.locator('#review-items li', { hasText: TITLE });
  assert.equal(await own.locator('form.decide').count(), 0);
  await context.close();
});

test('the city reviewer approves it in the review queue', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, REVIEWER);
  await page.goto(`${base}/admin/reviews`);
  const item = page.locator('#review-items li', { hasText: TITLE });
  assert.equal(await item.count(), 1);
  await Promise.all([page.waitForURL(/msg=decided/), item.locator('button[value="approve"]').click()]);
  const r = await (await page.request.get(`${base}/api/v1/exchange/activities/${activityId}`)).json();
  assert.equal(r.status, 'published');
  await context.close();
});

test('on a phone, the public page finds it by search, with no personal data', async () => {
  const { context, page } = await h.newPage(PHONE);
  await page.goto(`${base}/exchange`);
  await checkShell(page);
  assert.ok(await page.locator('#exchange-partners li').count() >= 10, 'the demo partners are listed');
  const search = page.locator('#exchange-search');
  await search.locator('input[name="q"]').fill('山茶花开');
  await Promise.all([page.waitForURL(/[?&]q=/), search.locator('button[type="submit"]').click()]);
  const found = page.locator('#exchange-activities li');
  assert.equal(await found.count(), 1);
  assert.match(await found.textContent(), /山茶花开/);
  // the English title is searched too, and a filter by another kind finds nothing
  await page.goto(`${base}/exchange?q=${encodeURIComponent('camellia')}&kind=tour`);
  assert.equal(await page.locator(`#exchange-activity-${activityId}`).count(), 1);
  await page.goto(`${base}/exchange?q=${encodeURIComponent('山茶花开')}&kind=festival`);
  assert.equal(await page.locator('#exchange-activities li').count(), 0);
  assert.equal(await page.locator('p.empty').count(), 1);
  await page.goto(`${base}/exchange?q=${encodeURIComponent('山茶花开')}`);
  await h.shot(page, 'exchange-03-phone-search');

  await Promise.all([page.waitForURL(new RegExp(`/exchange/activities/${activityId}$`)),
                     page.locator(`#exchange-activities a[href="/exchange/activities/${activityId}"]`).click()]);
  await checkShell(page);
  assert.equal(await page.locator('#exchange-title').textContent(), TITLE);
  assert.equal(await page.locator('#exchange-title-other').textContent(), TITLE_EN);
  const stops = page.locator('#exchange-stops li');
  assert.equal(await stops.count(), 3);
  for (const [i, s] of STOPS.entries()) assert.match(await stops.nth(i).textContent(), new RegExp(s[0]));
  assert.match(await page.locator('#exchange-activity-partners').textContent(), new RegExp(PARTNER));
  const html = await page.content();
  assert.ok(!/1[3-9]\d{9}/.test(html), 'no phone number on the public page');
  assert.ok(!/\d{3}\*{4}\d{4}/.test(html), 'not even a masked one');
  assert.ok(!html.includes(ADMIN_NAME), 'not the name of who wrote it');
  await h.shot(page, 'exchange-04-phone-activity');

  // in English: the English title first
  await page.goto(`${base}/exchange/activities/${activityId}?lang=en`);
  assert.equal(await page.locator('#exchange-title').textContent(), TITLE_EN);
  assert.equal(await page.locator('#exchange-title-other').textContent(), TITLE);
  await checkShell(page);
  await h.shot(page, 'exchange-05-phone-activity-en');

  // the partner's page: its agreements and the history of exchanges with it
  await page.goto(`${base}/exchange?lang=zh`);
  await Promise.all([page.waitForURL(/\/exchange\/partners\/\d+$/),
                     page.locator('#exchange-partners a', { hasText: PARTNER }).click()]);
  await checkShell(page);
  assert.equal(await page.locator('#partner-name').textContent(), PARTNER);
  assert.equal(await page.locator(`#partner-history #exchange-activity-${activityId}`).count(), 1);
  const partnerHtml = await page.content();
  assert.ok(!/1[3-9]\d{9}/.test(partnerHtml), 'no phone number on the partner\'s page');
  await h.shot(page, 'exchange-06-phone-partner');
  await context.close();
});

test('the alerts page lists a partner without contact for years as dormant', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/partners`);
  await checkShell(page);
  const form = page.locator('#exchange-partner-form');
  await form.locator('input[name="name"]').fill(DORMANT);
  await form.locator('input[name="name_en"]').fill('Verona');
  await form.locator('select[name="kind"]').selectOption('friendship_city');
  await form.locator('select[name="scope"]').selectOption('foreign');
  await form.locator('input[name="country"]').fill('意大利');
  await form.locator('input[name="city"]').fill('维罗纳');
  await form.locator('input[name="languages"]').fill('it, en');
  await form.locator('input[name="since"]').fill('2015-09-01');
  await Promise.all([page.waitForURL(/msg=partner_created/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#exchange-admin-partners li', { hasText: DORMANT }).count(), 1);

  await page.goto(`${base}/admin/exchange/alerts`);
  await checkShell(page);
  const row = page.locator('#exchange-alerts tr.alert-dormant', { hasText: DORMANT });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /2015-09-01/);
  await h.shot(page, 'exchange-07-alerts');
  await context.close();

  // the staff's pages fit a phone too
  const phone = await h.newPage(PHONE);
  await h.login(phone.page, ADMIN);
  for (const p of ['/admin/exchange', '/admin/exchange/partners', '/admin/exchange/channels', '/admin/exchange/alerts']) {
    await phone.page.goto(`${base}${p}`);
    await checkShell(phone.page);
  }
  await h.shot(phone.page, 'exchange-08-phone-alerts');
  await phone.context.close();
});
