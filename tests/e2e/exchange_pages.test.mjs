// Browser test of the exchange module's staff pages of what follows an exchange
// (pages_followups.c, pages_calendar.c, pages_evaluation.c) on the demo of 玉溪市:
// - an agreement's page: two follow-ups added through its form, the one past its due date
//   marked overdue, the other closed with its outcome;
// - the calendar: two plans of two counties with the same partner in overlapping periods, each
//   shown with the warning beside it; the author (who also reviews) cannot approve their own
//   plan, the page says why; the city reviewer approves it; the .ics export holds it;
// - an evaluation: two reviewers score a published activity through the form, its author is
//   refused, the admin closes the evaluation and the ranking lists it with its two reviewers;
// - an agreement's annual programme: an item of a month passed marked late, then done with its
//   activity, another deleted, the agreement's deletion refused; a draft activity changed
//   through its page and a fund of it deleted; once published, a change proposed through the
//   same form, shown waiting for review, and withdrawn.
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/exchange-pages-*.png. Assertions are on ids,
// classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, DESKTOP, PHONE, checkShell } from './lib.mjs';
import { loginAs, freshPhone } from '../http/lib.mjs';

const ADMIN = { phone: '13900000041', password: 'Demo2026yx' }; // city admin of 玉溪市
const REVIEWER = { phone: '13900000042', password: 'Demo2026yx' }; // city reviewer of 玉溪市
const REVIEWER2 = { phone: freshPhone(), password: 'Review2026yx' };
// a second city admin who also reviews: what they write, the API (not the route) refuses them
const AUTHOR = { phone: freshPhone(), password: 'Author2026yx' };
const AGREEMENT_PARTNER = '西班牙圣塞巴斯蒂安市';
const PARTNER = '韩国巨济市';

const h = new Harness('exchange_pages');
let base, api, author;

before(async () => {
  base = await h.start();
  api = await loginAs(base, ADMIN);
  // a second city reviewer, and an author who is a city admin and a reviewer alike
  const made = await api.post('/api/v1/accounts', { ...REVIEWER2, name: '第二评审', division: '5304', role: 'reviewer' });
  assert.equal(made.status, 201, made.text);
  const a = await api.post('/api/v1/accounts', { ...AUTHOR, name: '交流科科员', division: '5304', role: 'city_admin' });
  assert.equal(a.status, 201, a.text);
  const r = await api.post(`/api/v1/accounts/${a.json.id}/roles`, { role: 'reviewer', division: '5304' });
  assert.ok(r.status === 200 || r.status === 201, r.text);
  author = await loginAs(base, AUTHOR);
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

const submitAndWait = (page, form, url) => Promise.all([page.waitForURL(url), form.locator('button[type="submit"]').click()]);

test('an agreement\'s follow-ups: added, one overdue, one closed with its outcome', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/partners`);
  const partner = page.locator('#exchange-admin-partners > li', { hasText: AGREEMENT_PARTNER });
  await Promise.all([page.waitForURL(/\/admin\/exchange\/agreements\/\d+$/), partner.locator('li.agreement a').first().click()]);
  await checkShell(page);

  let form = page.locator('#followup-form');
  await form.locator('input[name="title"]').fill('圣塞巴斯蒂安市美食旅游线路');
  await form.locator('select[name="kind"]').selectOption('tourism_product');
  await form.locator('input[name="owner"]').fill('玉溪市文化和旅游局产业科');
  await form.locator('input[name="due_on"]').fill('2024-06-30');
  await submitAndWait(page, form, /msg=followup_created/);
  const overdue = page.locator('#followup-list li', { hasText: '圣塞巴斯蒂安市美食旅游线路' });
  assert.equal(await overdue.count(), 1);
  assert.match(await overdue.getAttribute('class'), /\boverdue\b/, 'open past its due date: marked');
  assert.equal(await overdue.locator('.badge.overdue').count(), 1);

  form = page.locator('#followup-form');
  await form.locator('input[name="title"]').fill('联合制作滇剧与巴斯克舞蹈');
  await form.locator('select[name="kind"]').selectOption('joint_production');
  await form.locator('input[name="owner"]').fill('玉溪市滇剧院');
  await form.locator('input[name="due_on"]').fill('2030-12-31');
  await submitAndWait(page, form, /msg=followup_created/);
  const item = page.locator('#followup-list li', { hasText: '联合制作滇剧与巴斯克舞蹈' });
  assert.doesNotMatch(await item.getAttribute('class'), /\boverdue\b/, 'not yet due: not marked');
  const id = (await item.getAttribute('id')).replace('followup-', '');

  // closed without an outcome: refused beside the field, nothing changes
  await item.locator('summary').click();
  let close = page.locator(`#followup-close-${id}`);
  await close.locator('select[name="status"]').selectOption('done');
  await submitAndWait(page, close, /\/admin\/exchange\/followups\/\d+$/);
  assert.equal(await page.locator('#error-outcome, .form-error').count() > 0, true, 'the refusal is shown');
  close = page.locator(`#followup-close-${id}`);
  await close.locator('select[name="status"]').selectOption('done');
  await close.locator('textarea[name="outcome"]').fill('2026年联合制作剧目《海与山》签约');
  await submitAndWait(page, close, /msg=followup_updated/);
  const done = page.locator(`#followup-${id}`);
  assert.match(await done.getAttribute('class'), /followup-done/);
  assert.match(await done.locator('.outcome').textContent(), /海与山/);
  const r = await api.get(`/api/v1/exchange/followups/${id}`);
  assert.equal(r.json.status, 'done');
  assert.equal(r.json.outcome, '2026年联合制作剧目《海与山》签约');
  await h.shot(page, 'exchange-pages-01-followups');
  await context.close();
});

test('the calendar warns of two plans with the same partner in overlapping periods', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, AUTHOR);
  await page.goto(`${base}/admin/exchange/calendar?year=2028`);
  await checkShell(page);
  const plans = [
    ['530402', '红塔区文化和旅游局', '红塔区赴巨济市文化周', 'culture_week', '2028-04-01', '2028-04-10'],
    ['530481', '澄江市文化和旅游局', '澄江市与巨济市青少年交流', 'study_visit', '2028-04-08', '2028-04-15'],
  ];
  const ids = [];
  for (const [division, unit, title, kind, from, to] of plans) {
    const form = page.locator('#plan-form');
    await form.locator('input[name="division"]').fill(division);
    await form.locator('input[name="unit"]').fill(unit);
    await form.locator('input[name="title"]').fill(title);
    await form.locator('select[name="kind"]').selectOption(kind);
    await form.locator('input[name="starts_on"]').fill(from);
    await form.locator('input[name="ends_on"]').fill(to);
    await form.locator('#plan-partners label', { hasText: PARTNER }).locator('input').check();
    await submitAndWait(page, form, /msg=plan_created/);
    ids.push(new URL(page.url()).hash.replace('#plan-', ''));
  }
  // (an entry's warnings name the other plan: find the entries by id)
  const first = page.locator(`#plan-${ids[0]}`), second = page.locator(`#plan-${ids[1]}`);
  assert.match(await second.locator('strong').first().textContent(), new RegExp(plans[1][2]));
  const warning = second.locator('.warning-same_partner');
  assert.equal(await warning.count(), 1, 'the warning beside the entry');
  assert.match(await warning.textContent(), new RegExp(`${PARTNER}.*${plans[0][2]}`));
  assert.equal(await first.locator('.warning-same_partner', { hasText: plans[1][2] }).count(), 1);
  assert.equal(await second.locator('.warning-same_division').count(), 0, 'another division: no such warning');
  await h.shot(page, 'exchange-pages-02-calendar-warning');

  // submitted; its author cannot approve it, whatever roles they hold: the page says why
  await Promise.all([page.waitForURL(/msg=plan_submitted/), second.locator('.plan-submit button').click()]);
  const planId = ids[1];
  const pending = page.locator(`#plan-${planId}`);
  assert.equal(await pending.locator('.badge.pending').count(), 1);
  await Promise.all([page.waitForURL(/\/approve$/), pending.locator('.plan-approve button').click()]);
  assert.equal(await page.locator(`#plan-${planId} .form-error[role="alert"]`).count(), 1, 'the refusal beside the plan');
  assert.equal(await page.locator(`#plan-${planId} .badge.pending`).count(), 1, 'still pending');
  await h.shot(page, 'exchange-pages-03-own-plan-refused');
  await context.close();

  // the city reviewer approves it from the calendar; the .ics export then holds it
  const rv = await h.newPage(DESKTOP);
  await h.login(rv.page, REVIEWER);
  await rv.page.goto(`${base}/admin/exchange/calendar?year=2028`);
  await checkShell(rv.page);
  const item = rv.page.locator(`#plan-${planId}`);
  assert.equal(await item.locator('.warning-same_partner').count(), 1, 'the reviewer sees the warning too');
  await Promise.all([rv.page.waitForURL(/msg=plan_approved/), item.locator('.plan-approve button').click()]);
  assert.equal(await rv.page.locator(`#plan-${planId} .badge.published`).count(), 1);
  const ics = await rv.page.locator('#calendar-ics').getAttribute('href');
  const cal = await (await rv.page.request.get(`${base}${ics}`)).text();
  assert.ok(cal.includes(plans[1][2]), 'the approved plan is in the export');
  assert.ok(!cal.includes(plans[0][2]), 'a draft is not');
  await rv.context.close();
});

test('an evaluation: two reviewers score, the author is refused, closed, ranked', async () => {
  // a published activity written by the author
  const a = await author.post('/api/v1/exchange/activities', {
    division: '5304', title: '聂耳竹乐团赴巨济市交流演出', kind: 'tour', scope: 'international',
    starts_on: '2026-03-01', ends_on: '2026-03-05', partners: [],
  });
  assert.equal(a.status, 201, a.text);
  const id = a.json.id;
  assert.equal((await author.post(`/api/v1/exchange/activities/${id}/submit`)).status, 200);
  const rvApi = await loginAs(base, REVIEWER);
  const q = (await rvApi.get('/api/v1/reviews?status=pending&limit=200')).json;
  const it = q.items.find((x) => x.content_type === 'exchange_activity' && x.content_id === id);
  assert.equal((await rvApi.post(`/api/v1/reviews/${it.id}/decision`, { decision: 'approve' })).status, 200);

  const score = async (who, values) => {
    const { context, page } = await h.newPage(DESKTOP);
    await h.login(page, who);
    await page.goto(`${base}/admin/exchange/activities/${id}`);
    await checkShell(page);
    const inputs = page.locator('#scores-form input[type="number"]');
    const n = await inputs.count();
    assert.ok(n >= 2, 'a score per criterion of the rubric');
    for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(values[i % values.length]));
    await Promise.all([page.waitForLoadState('domcontentloaded'), page.locator('#scores-form button[type="submit"]').click()]);
    return { context, page };
  };
  for (const [who, values] of [[REVIEWER, [90, 80, 70]], [REVIEWER2, [70, 60, 50]]]) {
    const { context, page } = await score(who, values);
    await page.waitForURL(/msg=scores_saved/);
    await context.close();
  }
  // the author reviews too, and is refused: the page says why
  {
    const { context, page } = await score(AUTHOR, [100]);
    assert.equal(await page.locator('#scores-form .form-error[role="alert"]').count(), 1, 'refused: own work');
    await h.shot(page, 'exchange-pages-04-own-scores-refused');
    await context.close();
  }
  const ev = (await api.get(`/api/v1/exchange/activities/${id}/evaluation`)).json;
  assert.equal(ev.reviewers, 2, 'two reviewers, not the author');

  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/activities/${id}`);
  assert.match(await page.locator('#evaluation-score').textContent(), /2/);
  await Promise.all([page.waitForURL(/msg=evaluation_closed/), page.locator('#evaluation-close button').click()]);
  assert.equal(await page.locator('#evaluation-score .badge.closed').count(), 1);
  assert.equal(await page.locator('#evaluation-close').count(), 0);
  await h.shot(page, 'exchange-pages-05-evaluation-closed');

  await page.goto(`${base}/admin/exchange/ranking`);
  await checkShell(page);
  const row = page.locator(`#rank-${id}`);
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('td').nth(4).textContent()).trim(), '2');
  assert.equal(await row.locator('.badge.closed').count(), 1);
  assert.equal((await row.locator('td.score').textContent()).trim(), ev.score.toFixed(1));
  await h.shot(page, 'exchange-pages-06-ranking');
  await context.close();

  // the staff's new pages fit a phone
  const phone = await h.newPage(PHONE);
  await h.login(phone.page, ADMIN);
  for (const p of [`/admin/exchange/activities/${id}`, '/admin/exchange/calendar?year=2028', '/admin/exchange/ranking', '/admin/exchange/lessons'])
    await phone.page.goto(`${base}${p}`), await checkShell(phone.page);
  await phone.context.close();
});

test('an agreement\'s annual programme; a draft activity changed; a fund deleted', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/exchange/partners`);
  const partner = page.locator('#exchange-admin-partners > li', { hasText: AGREEMENT_PARTNER });
  await Promise.all([page.waitForURL(/\/admin\/exchange\/agreements\/\d+$/), partner.locator('li.agreement a').first().click()]);
  const agreement = page.url().match(/agreements\/(\d+)$/)[1];

  // an item of a month passed, still planned: marked late
  let form = page.locator('#programme-form');
  await page.locator('#programme summary').click();
  await form.locator('input[name="year"]').fill('2025');
  await form.locator('input[name="month"]').fill('3');
  await form.locator('input[name="title"]').fill('圣塞巴斯蒂安青少年乐团回访');
  await form.locator('input[name="owner"]').fill('玉溪市外事办');
  await submitAndWait(page, form, /msg=programme_added/);
  let prog = (await api.get(`/api/v1/exchange/agreements/${agreement}/programme?year=2025`)).json.items;
  const late = prog.find((i) => i.title === '圣塞巴斯蒂安青少年乐团回访');
  assert.equal(late.status, 'planned');
  let row = page.locator(`#programme-item-${late.id}`);
  assert.match(await row.getAttribute('class'), /\bprogramme-planned\b.*\boverdue\b/);

  // done, with the activity that did it
  const acts = (await api.get('/api/v1/exchange/activities?division=5304')).json.items;
  const update = page.locator(`#programme-item-form-${late.id}`);
  await update.locator('select[name="status"]').selectOption('done');
  await update.locator('input[name="activity_id"]').fill(String(acts[0].id));
  await Promise.all([page.waitForURL(/msg=programme_updated/), update.locator('button[type="submit"]').click()]);
  row = page.locator(`#programme-item-${late.id}`);
  assert.match(await row.getAttribute('class'), /\bprogramme-done\b/);
  assert.doesNotMatch(await row.getAttribute('class'), /\boverdue\b/);
  assert.equal(await row.locator(`a[href="/admin/exchange/activities/${acts[0].id}"]`).count(), 1);
  await h.shot(page, 'exchange-pages-07-programme');

  // an item added by mistake: deleted
  form = page.locator('#programme-form');
  await page.locator('#programme summary').click();
  await form.locator('input[name="year"]').fill('2099');
  await form.locator('input[name="month"]').fill('6');
  await form.locator('input[name="title"]').fill('误录事项');
  await submitAndWait(page, form, /msg=programme_added/);
  prog = (await api.get(`/api/v1/exchange/agreements/${agreement}/programme?year=2099`)).json.items;
  assert.equal(prog.length, 1);
  const del = page.locator(`#programme-item-delete-${prog[0].id}`);
  await Promise.all([page.waitForURL(/msg=programme_deleted/), del.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator(`#programme-item-${prog[0].id}`).count(), 0);
  assert.deepEqual((await api.get(`/api/v1/exchange/agreements/${agreement}/programme?year=2099`)).json.items, []);

  // the agreement has follow-ups and a programme: its deletion is refused beside the button
  await Promise.all([page.waitForURL(/\/admin\/exchange\/agreements\/\d+\/delete$/), page.locator('#agreement-delete button[type="submit"]').click()]);
  assert.equal(await page.locator('#agreement-delete .form-error').count(), 1);
  assert.equal((await api.get(`/api/v1/exchange/agreements/${agreement}/programme`)).status, 200);

  // a draft activity changed through its page; a fund of it deleted
  const draft = await api.post('/api/v1/exchange/activities', {
    division: '5304', title: '聂耳竹乐团赴清莱草稿', kind: 'tour', scope: 'international', starts_on: '2026-09-01', ends_on: '2026-09-08',
  });
  assert.equal(draft.status, 201, draft.text);
  const fund = await api.post(`/api/v1/exchange/activities/${draft.json.id}/funds`, { kind: 'grant', sponsor: '云南省文化和旅游厅', amount_fen: 300000, given_on: '2026-08-01' });
  assert.equal(fund.status, 201, fund.text);
  await page.goto(`${base}/admin/exchange/activities/${draft.json.id}`);
  await checkShell(page);
  await page.locator('#activity-edit summary').click();
  const edit = page.locator('#activity-edit-form');
  await edit.locator('input[name="title"]').fill('聂耳竹乐团清莱巡演');
  await edit.locator('input[name="ends_on"]').fill('2026-09-10');
  await submitAndWait(page, edit, /msg=activity_updated/);
  assert.equal((await page.locator('#activity-title').textContent()).trim(), '聂耳竹乐团清莱巡演');
  const got = await api.get(`/api/v1/exchange/activities/${draft.json.id}`);
  assert.equal(got.json.ends_on, '2026-09-10');
  await Promise.all([page.waitForURL(/msg=fund_deleted/), page.locator(`#fund-delete-${fund.json.id} button[type="submit"]`).click()]);
  assert.equal(await page.locator('#fund-list').count(), 0);
  assert.deepEqual((await api.get(`/api/v1/exchange/activities/${draft.json.id}/funds`)).json.items, []);
  await h.shot(page, 'exchange-pages-08-activity-changed');

  // published, the same form proposes a change: shown waiting for review, then withdrawn
  const id = draft.json.id;
  assert.equal((await api.post(`/api/v1/exchange/activities/${id}/submit`)).status, 200);
  const rv = await loginAs(base, REVIEWER);
  const item = (await rv.get('/api/v1/reviews?status=pending&limit=200')).json.items.find((x) => x.content_type === 'exchange_activity' && x.content_id === id);
  assert.equal((await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
  await page.goto(`${base}/admin/exchange/activities/${id}`);
  await page.locator('#activity-edit summary').click();
  const propose = page.locator('#activity-edit-form');
  await propose.locator('input[name="title"]').fill('聂耳竹乐团清莱、清迈巡演');
  await submitAndWait(page, propose, /#pending-revision$/);
  assert.equal(await page.locator('#pending-revision').count(), 1);
  assert.ok((await page.locator('#pending-revision').textContent()).includes('聂耳竹乐团清莱、清迈巡演'));
  assert.equal((await page.locator('#activity-title').textContent()).trim(), '聂耳竹乐团清莱巡演', 'not yet changed');
  const pending = (await api.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision;
  assert.equal(pending.changes.title, '聂耳竹乐团清莱、清迈巡演');
  assert.ok((await rv.get('/api/v1/reviews?status=pending&limit=200')).json.items.some((x) => x.content_type === 'exchange_activity_revision' && x.content_id === pending.id));
  await h.shot(page, 'exchange-pages-09-revision-pending');
  await Promise.all([page.waitForURL(/#activity-edit$/), page.locator('#revision-withdraw button[type="submit"]').click()]);
  assert.equal(await page.locator('#pending-revision').count(), 0);
  assert.equal(await page.locator('#activity-edit-form').count(), 1);
  assert.equal((await api.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision, null);
  assert.equal((await api.get(`/api/v1/exchange/activities/${id}`)).json.title, '聂耳竹乐团清莱巡演');
  await context.close();
});
