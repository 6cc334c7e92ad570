// Browser test of the staff's forms that change and delete the exchange module's records
// (pages_staff.c, pages_followups.c, pages_evaluation.c, pages_measures.c, pages_calendar.c,
// pages_stops.c) on the demo of 玉溪市:
// - a partner changed through its form, a bad language code refused beside its field;
// - an agreement changed through its page, a renewal before the signing refused;
// - a draft activity's partners and stops: added, one removed, drawn on the map of its staff
//   page;
// - a fund and a member of a delegation changed, an indicator deleted;
// - a lesson changed and deleted; a plan entry changed and withdrawn.
// Each change is checked through the API. Screenshots: $WY_BUILD_DIR/artifacts/e2e/
// exchange-edits-*.png. Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, DESKTOP, checkShell } from './lib.mjs';
import { loginAs } from '../http/lib.mjs';

const ADMIN = { phone: '13900000041', password: 'Demo2026yx' }; // city admin of 玉溪市

const h = new Harness('exchange_edits');
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
const partnerId = async (name) => (await api.get('/api/v1/exchange/partners?division=5304&limit=100')).json.items.find((p) => p.name === name).id;

test('a partner and an agreement changed through their forms', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  const id = await partnerId('韩国巨济市');
  await page.goto(`${base}/admin/exchange/partners`);
  await checkShell(page);
  await page.locator(`#partner-${id} details.partner-edit > summary`).click();
  let form = page.locator(`#partner-edit-${id}`);
  assert.equal(await form.locator('input[name="name"]').inputValue(), '韩国巨济市', 'the form holds the record');
  await form.locator('input[name="organisation"]').fill('巨济市文化艺术财团');
  await form.locator('input[name="languages"]').fill('ko, zh, en');
  await submitAndWait(page, form, /msg=partner_updated/);
  let got = (await api.get(`/api/v1/exchange/partners/${id}`)).json;
  assert.equal(got.organisation, '巨济市文化艺术财团');
  assert.deepEqual(got.languages, ['ko', 'zh', 'en']);

  // a language code that is not one: refused beside its field, nothing changes
  await page.locator(`#partner-${id} details.partner-edit > summary`).click();
  form = page.locator(`#partner-edit-${id}`);
  await form.locator('input[name="organisation"]').fill('不应保存');
  await form.locator('input[name="languages"]').fill('K');
  await submitAndWait(page, form, /\/admin\/exchange\/partners\/\d+\/edit$/);
  form = page.locator(`#partner-edit-${id}`);
  assert.equal(await form.locator('#error-languages').count(), 1, 'the refusal is beside the field');
  assert.equal(await form.locator('input[name="organisation"]').inputValue(), '不应保存', 'what was entered is kept');
  got = (await api.get(`/api/v1/exchange/partners/${id}`)).json;
  assert.equal(got.organisation, '巨济市文化艺术财团', 'a refused change changes nothing');
  await h.shot(page, 'exchange-edits-01-partner-refused');

  // an agreement of the partner: changed through its page
  const ag = await api.post(`/api/v1/exchange/partners/${id}/agreements`, { kind: 'memorandum', title: '玉溪—巨济文化交流备忘录', signed_on: '2024-04-01' });
  assert.equal(ag.status, 201, ag.text);
  await page.goto(`${base}/admin/exchange/agreements/${ag.json.id}`);
  await page.locator('#agreement-edit summary').click();
  form = page.locator('#agreement-edit-form');
  await form.locator('input[name="renew_on"]').fill('2024-01-01');
  await submitAndWait(page, form, /\/admin\/exchange\/agreements\/\d+\/edit$/);
  assert.equal(await page.locator('#agreement-edit-form #error-renew_on').count(), 1, 'a renewal before the signing: refused');
  form = page.locator('#agreement-edit-form');
  await form.locator('input[name="renew_on"]').fill('2029-04-01');
  await form.locator('input[name="owner_theirs"]').fill('巨济市国际交流课');
  await submitAndWait(page, form, /msg=agreement_updated/);
  const p = (await api.get(`/api/v1/exchange/partners/${id}`)).json;
  const g = p.agreements.find((a) => a.id === ag.json.id);
  assert.equal(g.renew_on, '2029-04-01');
  assert.equal(g.owner_theirs, '巨济市国际交流课');
  await context.close();
});

test('a draft activity\'s partners and stops changed and mapped', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  const chiangRai = await partnerId('泰国清莱');
  const draft = await api.post('/api/v1/exchange/activities', {
    division: '5304', title: '聂耳竹乐团东南亚巡演', kind: 'tour', scope: 'international', starts_on: '2026-10-01', ends_on: '2026-10-20',
  });
  assert.equal(draft.status, 201, draft.text);
  const id = draft.json.id;
  await page.goto(`${base}/admin/exchange/activities/${id}`);
  await checkShell(page);
  assert.equal(await page.locator('#stops-map .empty').count(), 1, 'no stop: the empty state, no map');
  assert.equal(await page.locator('#stops-map svg').count(), 0);

  await page.locator('#stops summary').click();
  let form = page.locator('#activity-stops-form');
  await form.locator(`input[name="partner_${chiangRai}"]`).check();
  const stop = async (i, place, city, country, from, to) => {
    await form.locator(`input[name="stop${i}_place"]`).fill(place);
    await form.locator(`input[name="stop${i}_city"]`).fill(city);
    await form.locator(`input[name="stop${i}_country"]`).fill(country);
    await form.locator(`input[name="stop${i}_starts_on"]`).fill(from);
    await form.locator(`input[name="stop${i}_ends_on"]`).fill(to);
  };
  await stop(1, '清莱府文化中心', '清莱', '泰国', '2026-10-02', '2026-10-04');
  await stop(2, '曼谷文化中心', '曼谷', '泰国', '2026-10-06', '2026-10-08');
  await submitAndWait(page, form, /msg=stops_updated/);
  let got = (await api.get(`/api/v1/exchange/activities/${id}`)).json;
  assert.deepEqual(got.stops.map((s) => s.city), ['清莱', '曼谷']);
  assert.deepEqual(got.partners.map((p) => p.id ?? p.partner_id), [chiangRai]);
  assert.equal(await page.locator('#stops-map svg circle').count(), 2, 'both cities placed');
  await h.shot(page, 'exchange-edits-02-stops-map');

  // a stop after the activity's end: refused beside the stops, nothing changes
  await page.locator('#stops summary').click();
  form = page.locator('#activity-stops-form');
  await stop(3, '万象国家文化宫', '万象', '老挝', '2026-10-25', '2026-10-26');
  await submitAndWait(page, form, /\/stops$/);
  assert.equal(await page.locator('#activity-stops-form #error-stops').count(), 1);
  assert.equal((await api.get(`/api/v1/exchange/activities/${id}`)).json.stops.length, 2);

  // the first stop removed by emptying its row, a city the map does not know added
  form = page.locator('#activity-stops-form');
  await stop(1, '', '', '', '', '');
  await stop(3, '某镇礼堂', '某某镇', '泰国', '2026-10-10', '2026-10-11');
  await submitAndWait(page, form, /msg=stops_updated/);
  got = (await api.get(`/api/v1/exchange/activities/${id}`)).json;
  assert.deepEqual(got.stops.map((s) => s.city), ['曼谷', '某某镇']);
  assert.equal(await page.locator('#stops-map svg circle').count(), 1, 'the known city only');
  assert.equal(await page.locator('#stops-unplaced').count(), 1, 'the page says one was not placed');

  // its coordinates typed into its row: placed by them
  await page.locator('#stops summary').click();
  form = page.locator('#activity-stops-form');
  await form.locator('input[name="stop2_lat"]').fill('13.36');
  await form.locator('input[name="stop2_lon"]').fill('100.98');
  await submitAndWait(page, form, /msg=stops_updated/);
  got = (await api.get(`/api/v1/exchange/activities/${id}`)).json;
  assert.deepEqual(got.stops.map((s) => [s.lat, s.lon]), [[null, null], [13.36, 100.98]]);
  assert.equal(await page.locator('#stops-map svg circle').count(), 2, 'the city and the coordinates');
  assert.equal(await page.locator('#stops-map svg circle.located').count(), 1);
  assert.equal(await page.locator('#stops-unplaced').count(), 0);

  // the activity's page (a draft: for its staff) draws the same map
  await page.goto(`${base}/exchange/activities/${id}`);
  assert.equal(await page.locator('#exchange-stops li').count(), 2);
  assert.equal(await page.locator('#stops-map svg circle').count(), 2);
  await h.shot(page, 'exchange-edits-03-activity-page-map');
  await context.close();
});

test('a fund, a member of a delegation changed; an indicator deleted', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  const act = await api.post('/api/v1/exchange/activities', {
    division: '5304', title: '滇剧《水莽草》交流草稿', kind: 'tour', scope: 'domestic', starts_on: '2026-05-01', ends_on: '2026-05-09',
  });
  assert.equal(act.status, 201, act.text);
  const id = act.json.id;
  const fund = await api.post(`/api/v1/exchange/activities/${id}/funds`, { kind: 'grant', sponsor: '玉溪市文化和旅游局', amount_fen: 100000, given_on: '2026-04-01' });
  assert.equal(fund.status, 201, fund.text);
  const del = await api.post(`/api/v1/exchange/activities/${id}/delegation`, { kind: 'person', name: '李青', role: '演员' });
  assert.equal(del.status, 201, del.text);
  const m = await api.put('/api/v1/exchange/measures', { subject: 'activity', subject_id: id, name: '观众满意度', period: '2026', baseline: 80, target: 95 });
  assert.equal(m.status, 200, m.text);

  await page.goto(`${base}/admin/exchange/activities/${id}`);
  await page.locator(`#fund-list tr:has(#fund-edit-${fund.json.id}) summary`).click();
  let form = page.locator(`#fund-edit-${fund.json.id}`);
  assert.equal(await form.locator('input[name="amount_yuan"]').inputValue(), '1000.00');
  await form.locator('input[name="amount_yuan"]').fill('2000.5');
  await form.locator('input[name="sponsor"]').fill('云南省文化和旅游厅');
  await submitAndWait(page, form, /msg=fund_updated/);
  const f = (await api.get(`/api/v1/exchange/activities/${id}/funds`)).json.items[0];
  assert.equal(await page.locator(`#fund-edit-${fund.json.id} input[name="value_yuan"]`).inputValue(), '', 'no value in kind: empty');
  assert.equal(f.amount_fen, 200050);
  assert.equal(f.sponsor, '云南省文化和旅游厅');

  // an amount that is not one: refused beside its field
  await page.locator(`#fund-list tr:has(#fund-edit-${fund.json.id}) summary`).click();
  form = page.locator(`#fund-edit-${fund.json.id}`);
  await form.locator('input[name="amount_yuan"]').fill('两千');
  await submitAndWait(page, form, /\/edit$/);
  assert.equal(await page.locator(`#fund-edit-${fund.json.id} #error-amount_yuan`).count(), 1);
  assert.equal((await api.get(`/api/v1/exchange/activities/${id}/funds`)).json.items[0].amount_fen, 200050);

  await page.goto(`${base}/admin/exchange/activities/${id}`);
  await page.locator(`#delegate-list li:has(#delegate-edit-${del.json.id}) summary`).click();
  form = page.locator(`#delegate-edit-${del.json.id}`);
  await form.locator('input[name="role"]').fill('领队');
  await submitAndWait(page, form, /msg=delegate_updated/);
  const d = (await api.get(`/api/v1/exchange/activities/${id}/delegation`)).json.people[0];
  assert.equal(d.role, '领队');

  await Promise.all([page.waitForURL(/msg=measure_deleted/), page.locator(`#measure-delete-${m.json.id} button[type="submit"]`).click()]);
  assert.equal(await page.locator(`#measure-${m.json.id}`).count(), 0);
  assert.deepEqual((await api.get(`/api/v1/exchange/measures?subject=activity&subject_id=${id}`)).json.items, []);
  await h.shot(page, 'exchange-edits-04-activity');
  await context.close();
});

test('a lesson changed and deleted; a plan entry changed and withdrawn', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  const l = await api.post('/api/v1/exchange/lessons', { division: '5304', title: '巡演前的观众调研', body: '先调研当地观众的喜好，再定剧目。', tags: ['调研'] });
  assert.equal(l.status, 201, l.text);
  await page.goto(`${base}/admin/exchange/lessons`);
  await page.locator(`#lesson-${l.json.id} details.lesson-edit > summary`).click();
  let form = page.locator(`#lesson-edit-${l.json.id}`);
  await form.locator('input[name="title"]').fill('巡演前先做观众调研');
  await form.locator('input[name="tags"]').fill('调研，观众');
  await submitAndWait(page, form, /msg=lesson_updated/);
  const found = (await api.get(`/api/v1/exchange/lessons?division=5304&q=${encodeURIComponent('观众调研')}`)).json.items.find((x) => x.id === l.json.id);
  assert.equal(found.title, '巡演前先做观众调研');
  assert.deepEqual(found.tags, ['调研', '观众']);
  await Promise.all([page.waitForURL(/msg=lesson_deleted/), page.locator(`#lesson-delete-${l.json.id} button[type="submit"]`).click()]);
  assert.equal(await page.locator(`#lesson-${l.json.id}`).count(), 0);

  const chiangRai = await partnerId('泰国清莱');
  const plan = await api.post('/api/v1/exchange/plans', {
    division: '5304', unit: '玉溪市聂耳竹乐团', title: '清莱竹乐交流周', kind: 'culture_week', starts_on: '2028-03-01', ends_on: '2028-03-07', partners: [chiangRai],
  });
  assert.equal(plan.status, 201, plan.text);
  const pid = plan.json.id;
  await page.goto(`${base}/admin/exchange/calendar?year=2028`);
  await checkShell(page);
  await page.locator(`#plan-${pid} details.plan-edit > summary`).click();
  form = page.locator(`#plan-edit-${pid}`);
  assert.ok(await form.locator(`input[name="partner_${chiangRai}"]`).isChecked(), 'its partners are ticked');
  await form.locator('input[name="ends_on"]').fill('2028-02-01');
  await submitAndWait(page, form, /\/edit$/);
  assert.equal(await page.locator(`#plan-edit-${pid} .form-error`).count(), 1, 'an end before the start: refused');
  form = page.locator(`#plan-edit-${pid}`);
  await form.locator('input[name="ends_on"]').fill('2028-03-10');
  await form.locator('textarea[name="note"]').fill('与清莱府文化厅商定');
  await submitAndWait(page, form, /msg=plan_updated/);
  const got = (await api.get(`/api/v1/exchange/plans/${pid}`)).json;
  assert.equal(got.ends_on, '2028-03-10');
  assert.equal(got.note, '与清莱府文化厅商定');
  await Promise.all([page.waitForURL(/msg=plan_withdrawn/), page.locator(`#plan-withdraw-${pid} button[type="submit"]`).click()]);
  assert.equal(await page.locator(`#plan-${pid}`).count(), 0);
  assert.equal((await api.get(`/api/v1/exchange/plans/${pid}`)).status, 404);
  await h.shot(page, 'exchange-edits-05-calendar');
  await context.close();
});
