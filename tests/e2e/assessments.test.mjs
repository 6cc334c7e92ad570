// Browser test of the staff's pages of assessments against standards (pages_assessments.c) on
// the demo of 攀枝花市:
// - the city's admin reads a standard's table through the page (a dry run with its report,
//   then the import confirmed), opens a call for recommendations, recommends a venue,
//   schedules its site visit and announces the award;
// - 东区's admin starts the 2027 assessment of 攀枝花市文化馆 against the demo standard, scores
//   every item with a note, adds a file as evidence (downloaded again from the page) and
//   submits; the submitter is offered no scoring form and is refused by the rule;
// - the city's reviewer scores every item through the form;
// - the city's admin publishes: the grade shows on the assessment, in the list and its summary
//   with its chart, and on the venue's page;
// - anyone finds it on the public page of published grades (/grades), filtered by division
//   and year, with a link to the venue.
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/assessments-*.png. Assertions are on ids, classes
// and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Harness, DESKTOP, PHONE, checkShell, SOURCE_DIR } from './lib.mjs';
import { loginAs } from '../http/lib.mjs';

const ADMIN = { phone: '13900000001', password: 'Demo2026pzh' }; // city admin of 攀枝花市
const DISTRICT = { phone: '13900000002', password: 'Demo2026dq' }; // district admin of 东区
const REVIEWER = { phone: '13900000004', password: 'Demo2026rv2' }; // city reviewer
const CSV = path.join(SOURCE_DIR, 'data/demo/standard_cultural_centres.csv');
const STANDARD = '文化馆评估定级标准（示例）';
const VENUE = '攀枝花市文化馆';
const YEAR = '2027';

const h = new Harness('assessments');
let base, assessmentId, venueId;

before(async () => {
  base = await h.start();
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

const submitAndWait = (page, form, url) => Promise.all([page.waitForURL(url), form.locator('button[type="submit"]').click()]);

test('the admin imports a standard through the page, a dry run first, and opens a call', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin`);
  await Promise.all([page.waitForURL(/\/admin\/assessments$/), page.locator('a[href="/admin/assessments"]').first().click()]);
  await checkShell(page);
  assert.ok(await page.locator('#standards-table tbody tr').count() >= 1, 'the demo standard is listed');
  assert.ok(await page.locator('#assessments tbody tr').count() >= 3, 'the demo assessments are listed');

  const form = page.locator('#import-form');
  assert.equal(await form.locator('input[name="division"]').inputValue(), '5104');
  await form.locator('input[name="name"]').fill('文化馆评估定级标准（页面导入）');
  await form.locator('input[name="version"]').fill('2027');
  await form.locator('input[name="file"]').setInputFiles(CSV);
  await submitAndWait(page, form, /\/admin\/assessments\/standards\/import$/);
  await page.waitForSelector('#dry-run-ok');
  const kinds = await page.locator('#import-rows tbody tr').evaluateAll((rs) => rs.map((r) => r.className));
  for (const k of ['header', 'section', 'item', 'grade']) assert.ok(kinds.includes(k), `a ${k} row: ${kinds.join(' ')}`);
  const items = await page.locator('#import-items tbody tr').count();
  assert.ok(items >= 5, 'the items as read');
  await h.shot(page, 'assessments-01-dry-run');
  const before = await (await fetch(`${base}/api/v1/standards`)).json();
  assert.ok(!before.items.some((s) => s.version === '2027'), 'nothing written by the dry run');
  await submitAndWait(page, page.locator('#confirm-import'), /msg=standard_imported/);
  assert.equal(await page.locator('#flash').count(), 1);
  const after = await (await fetch(`${base}/api/v1/standards`)).json();
  const made = after.items.find((s) => s.version === '2027');
  assert.ok(made, 'the standard is written');
  assert.equal(await page.locator(`#standards-table tr[data-standard="${made.id}"]`).count(), 1);

  // a call: a past deadline is refused on the page, a future one opens it
  const call = page.locator('#call-form');
  await call.locator('input[name="title"]').fill('2027年最美新型公共文化空间推荐');
  await call.locator('input[name="division"]').fill('5104');
  await call.locator('input[name="quota"]').fill('10');
  await call.locator('input[name="deadline"]').fill('2020-01-01');
  await submitAndWait(page, call, /\/admin\/assessment-calls$/);
  assert.equal(await page.locator('#form-error').getAttribute('data-code'), 'bad_deadline');
  await page.locator('#call-form input[name="deadline"]').fill(new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10));
  await submitAndWait(page, page.locator('#call-form'), /msg=call_opened/);
  const callRow = page.locator('#calls-table tbody tr', { hasText: '2027年最美新型公共文化空间推荐' });
  assert.equal(await callRow.count(), 1);

  // the call's page: a venue recommended, its site visit, the awards announced
  await Promise.all([page.waitForURL(/\/admin\/assessment-calls\/\d+$/), callRow.locator('a').click()]);
  await checkShell(page);
  const apply = page.locator('#apply-form');
  const centre = await apply.locator('select[name="venue_id"] option', { hasText: VENUE }).first().getAttribute('value');
  await apply.locator('select[name="venue_id"]').selectOption(centre);
  await apply.locator('textarea[name="statement"]').fill('馆舍新颖，服务群众成效显著');
  await submitAndWait(page, apply, /msg=applied/);
  const app = page.locator('#applications-table tbody tr');
  assert.equal(await app.count(), 1);
  // awarding before the visit is refused
  assert.equal(await app.locator('input[type="checkbox"]').count(), 0, 'no award before the visit');
  const visit = page.locator('#visit-form');
  await visit.locator('input[name="visit_on"]').fill('2027-03-15');
  await visit.locator('input[name="visitors"]').fill('张评审、李评审');
  await submitAndWait(page, visit, /msg=visit_set/);
  assert.ok((await app.textContent()).includes('张评审、李评审'));
  await app.locator('input[type="checkbox"]').check();
  await submitAndWait(page, page.locator('#announce-form'), /msg=announced/);
  assert.equal(await page.locator('#call-status').getAttribute('data-status'), 'announced');
  assert.equal(await app.locator('.badge.awarded').count(), 1);
  assert.equal(await page.locator('#apply-form').count(), 0, 'a closed call takes no application');
  await h.shot(page, 'assessments-00-call');
  await context.close();
});

test('东区\'s admin fills the self-assessment with a file of evidence and submits it', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, DISTRICT);
  await page.goto(`${base}/admin/assessments`);
  await checkShell(page);
  const start = page.locator('#start-form');
  const std = await start.locator('select[name="standard_id"] option', { hasText: STANDARD }).first().getAttribute('value');
  await start.locator('select[name="standard_id"]').selectOption(std);
  venueId = await start.locator('select[name="venue_id"] option', { hasText: VENUE }).first().getAttribute('value');
  await start.locator('select[name="venue_id"]').selectOption(venueId);
  await start.locator('input[name="year"]').fill(YEAR);
  await submitAndWait(page, start, /\/admin\/assessments\/\d+\?msg=assessment_started/);
  assessmentId = Number(/\/admin\/assessments\/(\d+)/.exec(page.url())[1]);
  await checkShell(page);
  assert.equal(await page.locator('#assessment-status').getAttribute('data-status'), 'draft');
  // the sourced items come with the figure drawn from the venue's record
  assert.ok(await page.locator('#items td.drawn').filter({ hasText: /\d/ }).count() >= 1, 'a figure is drawn');

  // submitting with items unscored is refused on the page
  const scores = page.locator('#self-form input.score');
  const n = await scores.count();
  assert.ok(n >= 5);
  await submitAndWait(page, page.locator('#submit-form'), /\/submit$/);
  assert.equal(await page.locator('#form-error').getAttribute('data-code'), 'unscored_items');

  // every item scored at 90% of its points, with a note
  for (let i = 0; i < n; i++) {
    const input = scores.nth(i);
    const max = Number(await input.getAttribute('max'));
    await input.fill(String(Math.round(max * 9) / 10));
  }
  await page.locator('#self-form textarea').first().fill('馆舍面积见房产证（佐证材料）');
  await submitAndWait(page, page.locator('#self-form'), /msg=self_saved/);
  assert.equal(await page.locator('#self-form textarea').first().inputValue(), '馆舍面积见房产证（佐证材料）');

  const ev = page.locator('#evidence-form');
  await ev.locator('input[name="file"]').setInputFiles({ name: '房产证.txt', mimeType: 'text/plain', buffer: Buffer.from('房产证：建筑面积 6500 平方米\n') });
  await submitAndWait(page, ev, /msg=evidence_added/);
  const link = page.locator('#items a.evidence').first();
  assert.equal(await link.textContent(), '房产证.txt');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), '房产证.txt');
  assert.equal(readFileSync(await download.path(), 'utf8'), '房产证：建筑面积 6500 平方米\n');
  await h.shot(page, 'assessments-02-self');

  await submitAndWait(page, page.locator('#submit-form'), /msg=submitted/);
  assert.equal(await page.locator('#assessment-status').getAttribute('data-status'), 'submitted');
  assert.equal(await page.locator('#self-form').count(), 0, 'the self-assessment is fixed');
  // the one who submitted scores nothing: no form, and the rule refuses them
  assert.equal(await page.locator('#review-form').count(), 0);
  const api = await loginAs(base, DISTRICT);
  const a = await api.get(`/api/v1/assessments/${assessmentId}`);
  const r = await api.post(`/api/v1/assessments/${assessmentId}/review`, { items: a.json.items.map((i) => ({ item_id: i.item_id, score: 0 })) });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'own_submission');
  await context.close();
});

test('the city\'s reviewer scores every item, the admin publishes, the grade shows', async () => {
  let { context, page } = await h.newPage(DESKTOP);
  await h.login(page, REVIEWER);
  await page.goto(`${base}/admin/assessments/${assessmentId}`);
  await checkShell(page);
  assert.equal(await page.locator('#publish-form').count(), 0, 'a reviewer does not publish');
  const form = page.locator('#review-form');
  const scores = form.locator('input.score');
  const n = await scores.count();
  for (let i = 0; i < n; i++) {
    const max = Number(await scores.nth(i).getAttribute('max'));
    await scores.nth(i).fill(String(Math.round(max * 8) / 10));
  }
  await form.locator('textarea').first().fill('面积达标，材料齐全');
  await submitAndWait(page, form, /msg=reviewed/);
  assert.equal(await page.locator('#assessment-status').getAttribute('data-status'), 'reviewed');
  assert.ok(await page.locator('#scores-table tbody tr').count() === n, 'the reviewer\'s scores');
  await h.shot(page, 'assessments-03-review');
  await context.close();

  ({ context, page } = await h.newPage(DESKTOP));
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/assessments/${assessmentId}`);
  await submitAndWait(page, page.locator('#publish-form'), /msg=published/);
  assert.equal(await page.locator('#assessment-status').getAttribute('data-status'), 'published');
  // 80% of 100 points: 二级 (70) reached, 一级 (85) not
  assert.equal(await page.locator('#review-total').textContent(), '80.0');
  assert.equal(await page.locator('#grade').getAttribute('data-grade'), '2');
  assert.equal(await page.locator('#items-chart g.item-bars rect.assessed').count(), n, 'the chart has every item\'s score');
  await h.shot(page, 'assessments-04-published');

  // in the list and the summary of 2027, with its chart
  await page.goto(`${base}/admin/assessments?year=${YEAR}`);
  const row = page.locator(`#assessments tr[data-assessment="${assessmentId}"]`);
  assert.equal(await row.locator('.badge.published').count(), 1);
  assert.ok((await row.locator('td.grade').textContent()).length > 0);
  assert.ok(await page.locator('#summary-table tbody tr').count() >= 1);
  assert.ok(await page.locator('#summary-chart rect.bar').count() >= 1);
  await h.shot(page, 'assessments-05-summary');

  // the venue's record holds the grade and its year
  const v = await (await fetch(`${base}/api/v1/venues/${venueId}`)).json();
  assert.equal(v.grade, '2');
  assert.equal(v.grade_year, 2027);
  await page.goto(`${base}/venues/${venueId}`);
  assert.ok((await page.locator('dl.facts').textContent()).includes('2027'));
  await context.close();
});

test('the public page of published grades filters by division and year', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await page.goto(`${base}/grades`);
  await checkShell(page);
  const form = page.locator('#grade-filters');
  await form.locator('input[name="division"]').fill('510402');
  await form.locator('input[name="year"]').fill(YEAR);
  await Promise.all([page.waitForURL(/year=2027/), form.locator('button[type="submit"]').click()]);
  const row = page.locator(`#grades tr[data-assessment="${assessmentId}"]`);
  assert.equal(await row.count(), 1, 'the published grading of 2027 is listed');
  assert.equal(await page.locator('#grades tbody tr').count(), 1, 'only 2027\'s, only 东区\'s');
  await h.shot(page, 'assessments-07-grades');
  await row.locator('a').click();
  await page.waitForURL(new RegExp(`/venues/${venueId}$`));
  await context.close();
});

test('a unit is assessed from the same form: both a venue and a unit refused, the unit alone started', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, DISTRICT);
  await page.goto(`${base}/admin/assessments`);
  const start = page.locator('#start-form');
  const std = await start.locator('select[name="standard_id"] option', { hasText: STANDARD }).first().getAttribute('value');
  await start.locator('select[name="standard_id"]').selectOption(std);
  const unitOption = start.locator('select[name="unit_id"] option:not([value=""])').first();
  const unitId = await unitOption.getAttribute('value');
  const unitName = (await unitOption.textContent()).trim();
  await start.locator('select[name="venue_id"]').selectOption(venueId);
  await start.locator('select[name="unit_id"]').selectOption(unitId);
  await start.locator('input[name="year"]').fill(YEAR);
  await submitAndWait(page, start, /\/admin\/assessments$/);
  assert.equal(await page.locator('#form-error').getAttribute('data-code'), 'bad_subject');
  await page.locator('#start-form select[name="venue_id"]').selectOption('');
  await page.locator('#start-form select[name="unit_id"]').selectOption(unitId);
  await submitAndWait(page, page.locator('#start-form'), /\/admin\/assessments\/\d+\?msg=assessment_started/);
  assert.ok((await page.locator('h1').textContent()).includes(unitName));
  assert.equal(await page.locator('#items td.drawn').filter({ hasText: /\d/ }).count(), 0, 'nothing drawn for a unit');
  await context.close();
});

test('the pages fit a phone', async () => {
  const { context, page } = await h.newPage(PHONE);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/assessments`);
  await checkShell(page);
  await page.goto(`${base}/admin/assessments/${assessmentId}`);
  await checkShell(page);
  await h.shot(page, 'assessments-06-phone');
  await context.close();
});
