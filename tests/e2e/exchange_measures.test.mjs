// Browser test of the exchange module's staff pages of what the exchanges achieved
// (pages_measures.c) on the demo of 玉溪市:
// - a partnership's indicators: the demo's three of 巨济市 listed, one recorded through the form,
//   a bad period and a bad number refused beside their field with what was written kept, the
//   actual value recorded later through the row's change form; the agreement's page shows them;
//   the partnerships' ranking lists 巨济市 with its attainment; an activity's indicator recorded
//   on the activity's page;
// - the rubric: weights not adding up to 100 and a name given twice refused with the values
//   kept, then a fourth criterion added;
// - the conversion time as a table and an SVG chart, with the API's numbers; a bad date refused;
// - the funds' totals of the area over a period, as the API totals them.
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/exchange-measures-*.png. Assertions are on ids,
// classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, DESKTOP, PHONE, checkShell } from './lib.mjs';
import { loginAs } from '../http/lib.mjs';

const ADMIN = { phone: '13900000041', password: 'Demo2026yx' }; // city admin of 玉溪市
const PARTNER = '韩国巨济市';

const h = new Harness('exchange_measures');
let base, api;

before(async () => {
  base = await h.start();
  api = await loginAs(base, ADMIN);
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

const submitAndWait = (page, form, url) => Promise.all([page.waitForURL(url), form.locator('button[type="submit"]').click()]);
const post = (page, form) => Promise.all([page.waitForLoadState('domcontentloaded'), form.locator('button[type="submit"]').click()]);

test('a partnership\'s indicators: recorded, refused, changed, shown and ranked', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/partners`);
  const item = page.locator('#exchange-admin-partners > li', { hasText: PARTNER });
  await Promise.all([page.waitForURL(/\/admin\/exchange\/partners\/\d+\/measures$/), item.locator('a.partner-measures').click()]);
  await checkShell(page);
  const partner = Number(page.url().match(/partners\/(\d+)\/measures/)[1]);
  const demo = (await api.get(`/api/v1/exchange/measures?subject=partner&subject_id=${partner}`)).json.items;
  assert.equal(demo.length, 3, 'the demo records three');
  assert.equal(await page.locator('#measure-list tbody tr').count(), 3);
  const unknown = demo.find((m) => m.actual === null);
  assert.equal((await page.locator(`#measure-${unknown.id} td.measure-attainment`).textContent()).trim(), '–');

  // a bad period: refused beside its field, what was written kept, nothing recorded
  let form = page.locator('#measure-form');
  await form.locator('input[name="name"]').fill('联合展览');
  await form.locator('input[name="period"]').fill('2026-Q5');
  await form.locator('input[name="baseline"]').fill('0');
  await form.locator('input[name="target"]').fill('4');
  await post(page, form);
  form = page.locator('#measure-form');
  assert.equal(await form.locator('#error-period').count(), 1, 'refused beside the period');
  assert.equal(await form.locator('input[name="name"]').inputValue(), '联合展览');
  assert.equal(await form.locator('input[name="period"]').getAttribute('aria-invalid'), 'true');
  await h.shot(page, 'exchange-measures-01-refused');
  // a baseline that is not a number
  await form.locator('input[name="period"]').fill('2026');
  await form.locator('input[name="baseline"]').fill('几个');
  await post(page, form);
  form = page.locator('#measure-form');
  assert.equal(await form.locator('.form-error').count(), 1, 'a number is asked for');
  assert.equal((await api.get(`/api/v1/exchange/measures?subject=partner&subject_id=${partner}`)).json.items.length, 3, 'nothing recorded');

  await form.locator('input[name="baseline"]').fill('0');
  await form.locator('input[name="unit"]').fill('场');
  await submitAndWait(page, form, /msg=measure_saved/);
  const made = (await api.get(`/api/v1/exchange/measures?subject=partner&subject_id=${partner}`)).json.items.find((m) => m.name === '联合展览');
  assert.deepEqual([made.period, made.baseline, made.target, made.actual, made.unit], ['2026', 0, 4, null, '场']);
  const row = page.locator(`#measure-${made.id}`);
  assert.equal((await row.locator('td.measure-attainment').textContent()).trim(), '–', 'not known yet');

  // its actual value, later, through the row's change form
  await row.locator('summary').click();
  const change = page.locator(`#measure-form-${made.id}`);
  assert.equal(await change.locator('input[name="target"]').inputValue(), '4');
  await change.locator('input[name="actual"]').fill('3');
  await submitAndWait(page, change, /msg=measure_saved/);
  assert.equal((await page.locator(`#measure-${made.id} td.measure-attainment`).textContent()).trim(), '75.0%');
  assert.equal(await page.locator('#measure-list tbody tr').count(), 4, 'changed, not added');
  await h.shot(page, 'exchange-measures-02-partner');

  // the agreement's page shows the partnership's indicators
  const agreements = page.locator('#partner-agreements a');
  if (await agreements.count()) {
    await Promise.all([page.waitForURL(/\/admin\/exchange\/agreements\/\d+$/), agreements.first().click()]);
    assert.equal(await page.locator(`#measures #measure-${made.id}`).count(), 1);
  }

  // ranked: 2026 has this one measure attained
  await page.goto(`${base}/admin/exchange/ranking/partners?period=2026`);
  await checkShell(page);
  const ranked = (await api.get('/api/v1/exchange/ranking/partners?division=5304&period=2026')).json.items;
  assert.deepEqual(ranked.map((x) => [x.partner_id, x.attainment]), [[partner, 75]]);
  assert.equal((await page.locator(`#rank-partner-${partner} td.attainment`).textContent()).trim(), '75.0%');
  await h.shot(page, 'exchange-measures-03-partner-ranking');
  await page.goto(`${base}/admin/exchange/ranking/partners?period=2026-13`);
  assert.equal(await page.locator('#query-error').count(), 1, 'a bad period said');

  // an activity's indicator, on the activity's staff page
  const acts = (await api.get('/api/v1/exchange/activities?division=5304&limit=1')).json.items;
  await page.goto(`${base}/admin/exchange/activities/${acts[0].id}`);
  form = page.locator('#measure-form');
  await form.locator('input[name="name"]').fill('新增关注');
  await form.locator('input[name="period"]').fill('2025');
  await form.locator('input[name="baseline"]').fill('100');
  await form.locator('input[name="target"]').fill('500');
  await form.locator('input[name="actual"]').fill('420');
  await submitAndWait(page, form, new RegExp(`/admin/exchange/activities/${acts[0].id}\\?msg=measure_saved`));
  const am = (await api.get(`/api/v1/exchange/measures?subject=activity&subject_id=${acts[0].id}`)).json.items;
  assert.deepEqual(am.map((m) => [m.name, m.actual]), [['新增关注', 420]]);
  assert.equal((await page.locator(`#measure-${am[0].id} td.measure-attainment`).textContent()).trim(), '80.0%');
  await context.close();
});

test('the rubric: weights and names checked, the values kept, a criterion added', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/rubric`);
  await checkShell(page);
  const before = (await api.get('/api/v1/exchange/rubric?division=5304')).json;
  assert.equal(before.division, '5304');
  assert.equal(await page.locator('#rubric tbody tr').count(), before.criteria.length);
  let form = page.locator('#rubric-form');
  assert.equal(await form.locator('input[name="code1"]').inputValue(), before.criteria[0].code);

  // weights adding up to more than 100
  await form.locator('input[name="weight1"]').fill(String(before.criteria[0].weight + 10));
  await post(page, form);
  form = page.locator('#rubric-form');
  assert.equal(await form.locator('#error-criteria').count(), 1, 'refused beside the criteria');
  assert.equal(await form.locator('input[name="weight1"]').inputValue(), String(before.criteria[0].weight + 10), 'kept');
  await h.shot(page, 'exchange-measures-04-rubric-refused');
  // the same name twice
  await form.locator('input[name="weight1"]').fill(String(before.criteria[0].weight));
  await form.locator('input[name="name2"]').fill(before.criteria[0].name);
  await post(page, form);
  form = page.locator('#rubric-form');
  assert.equal(await form.locator('#error-criteria').count(), 1);
  assert.deepEqual((await api.get('/api/v1/exchange/rubric?division=5304')).json, before, 'nothing changed');

  // a fourth criterion, the weights shared again
  await form.locator('input[name="name2"]').fill(before.criteria[1].name);
  const w = before.criteria.map((c) => c.weight);
  w[0] -= 10;
  for (const [i, v] of w.entries()) await form.locator(`input[name="weight${i + 1}"]`).fill(String(v));
  const k = before.criteria.length + 1;
  await form.locator(`input[name="code${k}"]`).fill('reach');
  await form.locator(`input[name="name${k}"]`).fill('传播力');
  await form.locator(`input[name="weight${k}"]`).fill('10');
  await submitAndWait(page, form, /msg=rubric_saved/);
  assert.equal(await page.locator('#rubric #criterion-reach').count(), 1);
  const after = (await api.get('/api/v1/exchange/rubric?division=5304')).json;
  assert.deepEqual(after.criteria.map((c) => c.weight), [...w, 10]);
  await h.shot(page, 'exchange-measures-05-rubric');
  await context.close();
});

test('the conversion time and the funds\' totals, as the API counts them', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/conversion`);
  await checkShell(page);
  const conv = (await api.get('/api/v1/exchange/conversion?division=5304')).json;
  assert.ok(conv.all.count >= 1, 'the demo has follow-ups done');
  assert.match(await page.locator('#conversion-all').textContent(), new RegExp(`\\b${conv.all.count}\\b`));
  const kinds = conv.by_kind.filter((x) => x.count > 0);
  assert.equal(await page.locator('#conversion-kinds tbody tr').count(), kinds.length);
  assert.equal(await page.locator('#conversion-chart svg g.bar').count(), kinds.length, 'a bar per kind');
  for (const x of kinds) {
    const tr = page.locator(`#conversion-kinds tr[data-key="${x.kind}"]`);
    assert.equal(Number((await tr.locator('td.mean').textContent()).trim()), Math.round(x.mean_days * 100) / 100);
  }
  assert.equal(await page.locator('#conversion-partners tbody tr').count(), conv.by_partner.filter((x) => x.count > 0).length);
  await h.shot(page, 'exchange-measures-06-conversion');
  await page.goto(`${base}/admin/exchange/conversion?from=2025-13-01`);
  assert.equal(await page.locator('#query-error').count(), 1, 'a bad date said');

  // a sponsorship of a demo activity, totalled with the area's funds of its year
  const acts = (await api.get('/api/v1/exchange/activities?division=5304&limit=1')).json.items;
  const f = await api.post(`/api/v1/exchange/activities/${acts[0].id}/funds`, { kind: 'sponsorship', sponsor: '玉溪卷烟厂', amount_fen: 123456, given_on: '2026-05-01' });
  assert.equal(f.status, 201, f.text);
  const totals = (await api.get('/api/v1/exchange/funds/totals?division=5304&from=2026-01-01&to=2026-12-31')).json;
  await page.goto(`${base}/admin/exchange/funds?from=2026-01-01&to=2026-12-31`);
  await checkShell(page);
  assert.equal(await page.locator('#fund-totals tr[data-kind="sponsorship"]').count(), 1);
  const yuan = (fen) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  assert.equal((await page.locator('#fund-total td.total').textContent()).trim(), yuan(totals.total.total_fen));
  await h.shot(page, 'exchange-measures-07-funds');
  await page.goto(`${base}/admin/exchange/funds?from=2026-12-31&to=2026-01-01`);
  assert.equal(await page.locator('#query-error').count(), 1, 'the end before the start said');
  await context.close();

  // the pages fit a phone
  const phone = await h.newPage(PHONE);
  await h.login(phone.page, ADMIN);
  for (const p of ['/admin/exchange/rubric', '/admin/exchange/conversion', '/admin/exchange/funds', '/admin/exchange/ranking/partners'])
    await phone.page.goto(`${base}${p}`), await checkShell(phone.page);
  await phone.context.close();
});
