// Browser test of the staff's pages of regional linkage programmes (pages_linkage.c) on the
// demo programme of 四川省 with 攀枝花市, 成都市 and 玉溪市:
// - the province's admin finds the demo programme in the console: its stages, the three
//   participants with their plans (玉溪's waiting for 云南省), the activities with the missing
//   materials, the ranking drawn as bars, the commendation, and the summary (Markdown, and its
//   download); then deploys a programme of its own through the form, adds 攀枝花 and a rubric;
// - 攀枝花's admin submits its plan; neither they nor 攀枝花's own reviewer may decide it; the
//   province's reviewer (the level above) approves it;
// - the expert scores 攀枝花 in the new programme and 玉溪 in the demo one: the rankings show
//   them;
// - the province's admin publishes the demo programme, then its results, with the page's
//   button; a visitor without an account finds it on /linkage with its ranking;
// - the pages fit a phone.
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/linkage-*.png. Assertions are on ids, classes and
// data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Harness, DESKTOP, PHONE, checkShell } from './lib.mjs';

const SC_ADMIN = { phone: '13900000050', password: 'Demo2026sc' }; // city_admin of 四川省
const SC_EXPERT = { phone: '13900000051', password: 'Demo2026scr' }; // reviewer of 四川省
const PZH_ADMIN = { phone: '13900000001', password: 'Demo2026pzh' }; // city_admin of 攀枝花市
const PZH_REVIEWER = { phone: '13900000004', password: 'Demo2026rv2' }; // reviewer of 攀枝花市
const DEMO_TITLE = '四川省公共文化服务区域文化联动（示例）';
const TITLE = '川滇区域文化联动（页面）';

const h = new Harness('linkage');
let base, demoId, newId, planId;

before(async () => {
  base = await h.start();
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

async function as(account, viewport = DESKTOP) {
  const { context, page } = await h.newPage(viewport);
  await h.login(page, account);
  return { context, page };
}

test('the province\'s admin reads the demo programme and deploys one', async () => {
  const { context, page } = await as(SC_ADMIN);
  await page.goto(`${base}/admin`);
  await Promise.all([page.waitForURL(/\/admin\/linkage$/), page.locator('a[href="/admin/linkage"]').first().click()]);
  await checkShell(page);
  const row = page.locator('#programmes tbody tr', { hasText: DEMO_TITLE });
  assert.equal(await row.count(), 1, 'the demo programme is listed');
  await Promise.all([page.waitForURL(/\/admin\/linkage\/\d+$/), row.locator('a').click()]);
  demoId = Number(/\/admin\/linkage\/(\d+)/.exec(page.url())[1]);
  await checkShell(page);
  assert.equal(await page.locator('#stages tr[data-stage]').count(), 6);
  for (const d of ['5101', '5104', '5304'])
    assert.equal(await page.locator(`#participant-${d}`).count(), 1, `participant ${d}`);
  assert.equal(await page.locator('#participant-5104 .plan').getAttribute('data-status'), 'approved');
  assert.equal(await page.locator('#participant-5101 .plan').getAttribute('data-status'), 'approved');
  assert.equal(await page.locator('#participant-5304 .plan').getAttribute('data-status'), 'pending', '玉溪\'s waits for 云南省');
  // the session's materials are complete, the alliance's summary and media are missing
  const count = page.locator('#materials-count');
  assert.equal(await count.getAttribute('data-activities'), '2');
  assert.equal(await count.getAttribute('data-complete'), '1');
  assert.equal(await page.locator('article.activity[data-kind="alliance"] .summary-missing').count(), 1);
  assert.equal(await page.locator('article.activity[data-kind="alliance"] .agreement').count(), 1);
  // the ranking: the two scored cities as bars, 攀枝花 first; 玉溪 without a rank
  assert.equal(await page.locator('#ranking-chart rect.bar').count(), 2);
  assert.equal(await page.locator('#ranking tbody tr').first().getAttribute('data-division'), '5104');
  assert.equal((await page.locator('#ranking tr[data-division="5304"] .rank').textContent()).trim(), '—');
  assert.equal(await page.locator('#commendation-list li[data-division="5104"]').count(), 1);
  await h.shot(page, 'linkage-01-demo');

  await Promise.all([page.waitForURL(/\/summary$/), page.locator('#summary-link').first().click()]);
  await checkShell(page);
  assert.ok((await page.locator('#summary-md').textContent()).startsWith(`# ${DEMO_TITLE}`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#summary-download').click()]);
  assert.equal(download.suggestedFilename(), `linkage-${demoId}-summary.md`);
  assert.ok(readFileSync(await download.path(), 'utf8').includes('## Evaluation'));

  // a programme of its own, through the form
  await page.goto(`${base}/admin/linkage`);
  const form = page.locator('#programme-form');
  assert.equal(await form.locator('input[name="division"]').inputValue(), '51', 'the admin\'s area is offered');
  await form.locator('input[name="title"]').fill(TITLE);
  await form.locator('input[name="year"]').fill('2027');
  await form.locator('input[name="themes"]').fill('标准化、数字化');
  await form.locator('input[name="plans_due_to"]').fill('2099-04-20');
  await form.locator('input[name="self_evaluate_to"]').fill('2099-10-20');
  await Promise.all([page.waitForURL(/\/admin\/linkage\/\d+\?msg=programme_created/), form.locator('button[type="submit"]').click()]);
  newId = Number(/\/admin\/linkage\/(\d+)/.exec(page.url())[1]);
  assert.equal(await page.locator('#flash').count(), 1);
  assert.equal(await page.locator('#themes .theme').count(), 2);
  await page.locator('#participant-form input[name="division"]').fill('5104');
  await Promise.all([page.waitForURL(/msg=participant_added/), page.locator('#participant-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#participant-5104 .plan-none').count(), 1);
  await page.locator('#rubric-form textarea[name="criteria"]').fill('session 示范性 100\nparticipant 方案落实 60\nparticipant 联动成效 40');
  await Promise.all([page.waitForURL(/msg=rubric_saved/), page.locator('#rubric-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#rubric tbody tr').count(), 3);
  await context.close();
});

test('攀枝花 submits its plan; the level above approves it, not 攀枝花', async () => {
  let { context, page } = await as(PZH_ADMIN);
  await page.goto(`${base}/admin/linkage/${newId}`);
  await checkShell(page);
  const form = page.locator('#plan-form');
  await form.locator('select[name="division"]').selectOption('5104');
  await form.locator('input[name="title"]').fill('攀枝花市联动方案');
  await form.locator('textarea[name="content"]').fill('与玉溪市开展数字化主题交流。');
  await Promise.all([page.waitForURL(/msg=plan_submitted/), form.locator('button[type="submit"]').click()]);
  const plan = page.locator('#participant-5104 .plan');
  assert.equal(await plan.getAttribute('data-status'), 'pending');
  planId = Number((await plan.getAttribute('id')).replace('plan-', ''));
  assert.equal(await page.locator(`#decision-${planId}`).count(), 0, 'no decision for its own staff');
  await h.shot(page, 'linkage-02-submitted');
  await context.close();

  // 攀枝花's own reviewer is not the level above 攀枝花
  ({ context, page } = await as(PZH_REVIEWER));
  await page.goto(`${base}/admin/linkage/${newId}`);
  assert.equal(await page.locator('#participant-5104 .plan').getAttribute('data-status'), 'pending');
  assert.equal(await page.locator(`#decision-${planId}`).count(), 0);
  await context.close();

  ({ context, page } = await as(SC_EXPERT));
  await page.goto(`${base}/admin/linkage/${newId}`);
  const decide = page.locator(`#decision-${planId}`);
  assert.equal(await decide.count(), 1, 'the province\'s reviewer decides');
  await Promise.all([page.waitForURL(/msg=plan_approved/), decide.locator('button[value="approve"]').click()]);
  assert.equal(await page.locator('#participant-5104 .plan').getAttribute('data-status'), 'approved');
  assert.equal(await page.locator(`#decision-${planId}`).count(), 0);
  await context.close();
});

test('the expert scores; the rankings show the scores', async () => {
  const { context, page } = await as(SC_EXPERT);
  await page.goto(`${base}/admin/linkage/${newId}`);
  assert.equal(await page.locator('#ranking-chart').count(), 0, 'nothing scored yet');
  let form = page.locator('#score-participant-form');
  await form.locator('select[name="subject"]').selectOption('5104');
  const inputs = form.locator('input[type="number"]');
  assert.equal(await inputs.count(), 2);
  await inputs.nth(0).fill('90');
  await inputs.nth(1).fill('80');
  await Promise.all([page.waitForURL(/msg=scores_saved/), form.locator('button[type="submit"]').click()]);
  // 0.6 × 90 + 0.4 × 80 = 86: the participant's score is its result (no session scored)
  assert.equal(await page.locator('#ranking-chart rect.bar[data-division="5104"]').count(), 1);
  assert.equal((await page.locator('#ranking tr[data-division="5104"] .result').textContent()).trim(), '86.00');
  assert.equal((await page.locator('#ranking tr[data-division="5104"] .rank').textContent()).trim(), '1');
  await h.shot(page, 'linkage-03-ranking');

  // in the demo programme: 玉溪 scored, ranked among the three
  await page.goto(`${base}/admin/linkage/${demoId}`);
  form = page.locator('#score-participant-form');
  await form.locator('select[name="subject"]').selectOption('5304');
  for (const input of await form.locator('input[type="number"]').all()) await input.fill('70');
  await Promise.all([page.waitForURL(/msg=scores_saved/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#ranking-chart rect.bar').count(), 3);
  assert.equal((await page.locator('#ranking tr[data-division="5304"] .rank').textContent()).trim(), '3');
  assert.equal(await page.locator('#ranking tbody tr').last().getAttribute('data-division'), '5304');
  await h.shot(page, 'linkage-04-demo-ranking');
  await context.close();
});

test('the province publishes the demo programme; a visitor reads it', async () => {
  const { context, page } = await as(SC_ADMIN);
  await page.goto(`${base}/admin/linkage/${demoId}`);
  assert.equal(await page.locator('#publication-status').getAttribute('data-published'), '0');
  await Promise.all([page.waitForURL(/msg=published/), page.locator('#publish-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#publication-status').getAttribute('data-published'), '1');
  await Promise.all([page.waitForURL(/msg=results_published/), page.locator('#publish-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#publication-status').getAttribute('data-results'), '1');
  assert.equal(await page.locator('#publish-form').count(), 0);
  await context.close();

  const visitor = await h.newPage(DESKTOP);
  const p = visitor.page;
  await p.goto(`${base}/linkage`);
  await checkShell(p);
  const item = p.locator(`#programme-${demoId}`);
  assert.equal(await item.count(), 1, 'the published programme is listed');
  await Promise.all([p.waitForURL(new RegExp(`/linkage/${demoId}$`)), item.locator('a').click()]);
  await checkShell(p);
  assert.equal(await p.locator('#public-participants li').count(), 3);
  assert.equal(await p.locator('#public-activities tbody tr').count(), 2);
  assert.ok(await p.locator('#ranking-chart rect.bar').count() >= 2);
  assert.equal(await p.locator('#commendation-list li[data-division="5104"]').count(), 1);
  await h.shot(p, 'linkage-06-public');
  await visitor.context.close();
});

test('the pages fit a phone', async () => {
  const { context, page } = await as(SC_ADMIN, PHONE);
  for (const path of ['/admin/linkage', `/admin/linkage/${demoId}`, `/admin/linkage/${demoId}/summary`, '/linkage', `/linkage/${demoId}`]) {
    await page.goto(`${base}${path}`);
    await checkShell(page);
  }
  await h.shot(page, 'linkage-05-phone');
  await context.close();
});
