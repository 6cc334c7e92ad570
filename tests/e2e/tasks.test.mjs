// Browser test of the staff's pages of plans and their task tables (pages_tasks.c) on the demo
// of 攀枝花市: the city's admin finds the plans in the console, imports the demo's task table
// under a new title through the page — the dry run shows how each row was read, then the
// import is confirmed — and sees the task table with its chapters, filters it to the overdue
// tasks, the tasks by unit, the timeline with today's line and the overdue tasks marked, and
// downloads the workbook; the pages fit a phone.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/tasks-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Harness, PHONE, DESKTOP, checkShell, SOURCE_DIR } from './lib.mjs';

const ADMIN = { phone: '13900000001', password: 'Demo2026pzh' }; // city admin of 攀枝花市
const CSV = path.join(SOURCE_DIR, 'data/demo/plan_tasks_5104.csv');
const TITLE = '攀枝花市文化惠民工程任务清单';

const h = new Harness('tasks');
let base, planId, state;

before(async () => {
  base = await h.start();
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

test('the admin imports a task table through the page: a dry run first, then the import', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin`);
  await Promise.all([page.waitForURL(/\/admin\/plans$/), page.locator('a[href="/admin/plans"]').first().click()]);
  await checkShell(page);
  assert.ok(await page.locator('#plans tbody tr').count() >= 1, 'the demo plan is listed');
  const form = page.locator('#import-form');
  assert.equal(await form.locator('input[name="division"]').inputValue(), '5104', 'the admin\'s area is offered');
  await form.locator('input[name="title"]').fill(TITLE);
  await form.locator('input[name="year_from"]').fill('2023');
  await form.locator('input[name="year_to"]').fill('2030'); // so that today falls inside its timeline
  await form.locator('input[name="file"]').setInputFiles(CSV);
  await Promise.all([page.waitForURL(/\/admin\/plans\/import$/), form.locator('button[type="submit"]').click()]);
  await page.waitForSelector('#dry-run-ok');
  // every row reported: the title line, the header (twice: a page break), sections, tasks, parts
  const kinds = await page.locator('#import-rows tbody tr').evaluateAll((rs) => rs.map((r) => r.className));
  for (const k of ['preamble', 'header', 'header_repeated', 'section', 'task', 'part'])
    assert.ok(kinds.includes(k), `a ${k} row in the report: ${kinds.join(' ')}`);
  assert.equal(await page.locator('#import-tasks tbody tr').count(), 11);
  await h.shot(page, 'tasks-01-dry-run');
  // nothing written yet
  const before = await (await fetch(`${base}/api/v1/plans?division=5104`)).json();
  assert.ok(!before.items.some((p) => p.title === TITLE));

  await Promise.all([page.waitForURL(/\/admin\/plans\/\d+\?msg=plan_imported/),
                     page.locator('#confirm-import button[type="submit"]').click()]);
  planId = Number(/\/admin\/plans\/(\d+)/.exec(page.url())[1]);
  await checkShell(page);
  assert.equal(await page.locator('#flash').count(), 1);
  // the table: 11 tasks under their 4 chapters, the overdue ones marked
  assert.equal(await page.locator('#tasks tr[data-task]').count(), 11);
  assert.equal(await page.locator('#tasks tr.section').count(), 4);
  const overdue = await page.locator('#tasks tr.overdue').count();
  assert.ok(overdue >= 1, 'the tasks due in 2024 are overdue');
  assert.equal(await page.locator('#plan-overdue').textContent(), String(overdue));
  await h.shot(page, 'tasks-02-table');
  // filtered to the overdue ones
  await page.locator('#task-filters input[name="overdue"]').check();
  await Promise.all([page.waitForURL(/overdue=1/), page.locator('#task-filters button[type="submit"]').click()]);
  assert.equal(await page.locator('#tasks tr[data-task]').count(), overdue);
  assert.equal(await page.locator('#tasks tr[data-task]:not(.overdue)').count(), 0);
  state = await context.storageState();
  await context.close();
});

test('the plan by unit and as a timeline, and its workbook', async () => {
  const { context, page } = await h.newPage(DESKTOP, state);
  await page.goto(`${base}/admin/plans/${planId}`);
  await Promise.all([page.waitForURL(/view=units/), page.locator('#plan-views a[href$="view=units"]').click()]);
  await checkShell(page);
  const bureau = page.locator('#by-unit section.unit', { has: page.locator('h3', { hasText: '市文广旅局' }) });
  assert.equal(await bureau.count(), 1);
  assert.ok(await bureau.locator('ul.lead li').count() >= 5, '市文广旅局 leads most tasks');
  assert.ok(await page.locator('#by-unit section.unit', { has: page.locator('h3', { hasText: '米易县文联' }) })
    .locator('ul.cooperating li').count() >= 1, 'a county\'s unit cooperates');
  await h.shot(page, 'tasks-03-by-unit');

  await Promise.all([page.waitForURL(/view=timeline/), page.locator('#plan-views a[href$="view=timeline"]').click()]);
  assert.equal(await page.locator('#timeline li.tl-task').count(), 11);
  assert.ok(await page.locator('#timeline li.tl-task.overdue').count() >= 1, 'an overdue task is marked');
  assert.ok(await page.locator('#timeline li.tl-task.overdue rect.bar[fill="#c0392b"]').count() >= 1);
  // the plan runs to 2030: today's line crosses every task's bar
  assert.equal(await page.locator('#timeline line.today').count(), 11);
  await h.shot(page, 'tasks-04-timeline');

  await Promise.all([page.waitForURL(/view=chapters/), page.locator('#plan-views a[href$="view=chapters"]').click()]);
  assert.equal(await page.locator('#by-chapter tbody tr').count(), 4);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-xlsx').click()]);
  assert.equal(download.suggestedFilename(), `plan-${planId}-tasks.xlsx`);
  const file = readFileSync(await download.path());
  assert.equal(file.subarray(0, 2).toString(), 'PK', 'a workbook (a zip package)');
  await context.close();
});

test('the pages fit a phone', async () => {
  const { context, page } = await h.newPage(PHONE, state);
  for (const view of ['table', 'units', 'chapters', 'timeline']) {
    await page.goto(`${base}/admin/plans/${planId}?view=${view}`);
    await checkShell(page);
  }
  await h.shot(page, 'tasks-05-phone-timeline');
  await page.goto(`${base}/admin/plans`);
  await checkShell(page);
  await context.close();
});

// The pages of progress (pages_progress.c) on the demo's plan: the district reviewer, a member
// of 东区文广旅局 (cooperating on task 2), finds the task in what its unit owes and adds a
// contribution; the city reviewer, a member of 市文广旅局 (the lead unit), sees the tasks it owes
// overdue first, reads the demo's report and the contribution, reports with a photo and proposes
// the task done: the status is applied, the history shows it and the photo is shown; the
// status form changes another task's status with a note.
const DEMO_PLAN = '攀枝花市公共文化服务工作任务清单（示例）';
const LEAD = { phone: '13900000004', password: 'Demo2026rv2' }; // city reviewer: 市文广旅局
const COOP = { phone: '13900000003', password: 'Demo2026rv1' }; // district reviewer: 东区文广旅局
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('a cooperating unit contributes; the lead unit reports with a photo and its proposal is applied', async () => {
  const coop = await h.newPage(DESKTOP);
  await h.login(coop.page, COOP);
  await coop.page.goto(`${base}/admin/me/tasks`);
  await checkShell(coop.page);
  // the demo's plan (the first test imported the same table as a second plan)
  const row = coop.page.locator('#my-tasks tr[data-task]', { hasText: '培育群众文化活动品牌' }).filter({ hasText: DEMO_PLAN });
  assert.equal(await row.count(), 1, 'the unit cooperates on task 2');
  await Promise.all([coop.page.waitForURL(/\/admin\/plans\/\d+\/tasks\/\d+$/), row.locator('a').click()]);
  const taskUrl = coop.page.url();
  assert.equal(await coop.page.locator('#report-form').count(), 0, 'a cooperating unit does not report');
  assert.equal(await coop.page.locator('#status-form').count(), 0, 'nor change the status');
  await coop.page.locator('#contribution-form textarea[name="text"]').fill('东区新增 3 场广场舞展演。');
  await Promise.all([coop.page.waitForURL(/msg=contributed/), coop.page.locator('#contribution-form button').click()]);
  assert.ok(await coop.page.locator('#contributions li.contribution', { hasText: '东区新增 3 场广场舞展演。' }).count() === 1);
  await coop.context.close();

  const { context, page } = await h.newPage(DESKTOP);
  await h.login(page, LEAD);
  await page.goto(`${base}/admin/me/tasks`);
  // overdue first: every overdue row stands before every other one
  const classes = await page.locator('#my-tasks tr[data-task]').evaluateAll((rs) => rs.map((r) => r.classList.contains('overdue')));
  assert.ok(classes.length >= 5 && classes[0], 'the unit owes tasks, overdue ones first');
  const firstOnTime = classes.indexOf(false);
  assert.ok(firstOnTime === -1 || !classes.slice(firstOnTime).includes(true), 'no overdue task after one on time');
  await h.shot(page, 'tasks-06-my-tasks');
  await page.goto(taskUrl);
  await checkShell(page);
  assert.ok(await page.locator('#reports article.report').count() >= 1, 'the demo\'s report');
  assert.equal(await page.locator('#contributions li.contribution').count(), 2, 'the demo\'s contribution and the new one');
  const form = page.locator('#report-form');
  await form.locator('textarea[name="text"]').fill('“阳光花城”群众文化节全部分会场已办完。');
  await form.locator('input[name="percent"]').fill('100');
  await form.locator('select[name="status"]').selectOption('done');
  await form.locator('input[name="file"]').setInputFiles({ name: '分会场.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForURL(/msg=reported/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#task-status').getAttribute('data-status'), 'done', 'the proposal is applied');
  assert.equal(await page.locator('#history li.change[data-to="done"]').count(), 1);
  assert.equal(await page.locator('#report-form').count(), 0, 'a task done takes no more reports');
  const img = page.locator('#reports article.report').first().locator('a.photo img');
  assert.equal(await img.count(), 1);
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth === 1), 'the photo is shown');
  await h.shot(page, 'tasks-07-task');

  // the status form, on the first task: in progress, with a note
  await page.goto(`${base}/admin/me/tasks`);
  const first = page.locator('#my-tasks tr[data-task]', { hasText: '打造城市文化品牌' }).first();
  await Promise.all([page.waitForURL(/\/tasks\/\d+$/), first.locator('a').click()]);
  await page.locator('#status-form select[name="status"]').selectOption('in_progress');
  await page.locator('#status-form input[name="note"]').fill('品牌设计已启动');
  await Promise.all([page.waitForURL(/msg=status/), page.locator('#status-form button').click()]);
  assert.equal(await page.locator('#task-status').getAttribute('data-status'), 'in_progress');
  assert.equal(await page.locator('#history li.change', { hasText: '品牌设计已启动' }).count(), 1);
  // a phone
  const phone = await h.newPage(PHONE, await context.storageState());
  await phone.page.goto(page.url());
  await checkShell(phone.page);
  await phone.context.close();
  await context.close();
});

test('the admin names a unit\'s members and links an indicator to a task', async () => {
  const { context, page } = await h.newPage(DESKTOP, state);
  await page.goto(`${base}/admin/plans/${planId}`);
  await Promise.all([page.waitForURL(/\/admin\/units\?division=/), page.locator('#units-link').click()]);
  await checkShell(page);
  const row = page.locator('#units tr[data-unit]', { hasText: '米易县文联' });
  assert.equal(await row.count(), 1, 'the import made the county\'s unit');
  await Promise.all([page.waitForURL(/\/admin\/units\/\d+$/), row.locator('a').click()]);
  assert.equal(await page.locator('#members li.member').count(), 0);
  assert.ok(await page.locator('#unit-tasks li.unit-task').count() >= 1, 'its tasks listed');
  // a citizen's phone is refused beside the form; a staff account's is added
  await page.locator('#member-form input[name="phone"]').fill('13800000006');
  await page.locator('#member-form button[type="submit"]').click();
  await page.waitForSelector('#form-error[data-code="not_staff"]');
  await page.locator('#member-form input[name="phone"]').fill('13900000005');
  await Promise.all([page.waitForURL(/msg=added/), page.locator('#member-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#members li.member').count(), 1);
  assert.ok(!(await page.locator('#members').innerText()).includes('13900000005'), 'the phone masked');
  await h.shot(page, 'tasks-08-unit');
  await Promise.all([page.waitForURL(/msg=removed/), page.locator('#members li.member button[type="submit"]').click()]);
  assert.equal(await page.locator('#members li.member').count(), 0);

  // a task's indicators, from the task's page
  await page.goto(`${base}/admin/plans/${planId}`);
  const task = page.locator('#plan-view a[href*="/tasks/"]').first();
  await Promise.all([page.waitForURL(/\/tasks\/\d+$/), task.click()]);
  await Promise.all([page.waitForURL(/\/indicators$/), page.locator('#indicators-link').click()]);
  await checkShell(page);
  const before = await page.locator('#task-indicators tr[data-code]').count();
  await page.locator('#indicator-form input[name="code"]').fill('no.such');
  await page.locator('#indicator-form button[type="submit"]').click();
  await page.waitForSelector('#error-code');
  await page.locator('#indicator-form input[name="code"]').fill('venues.count');
  await Promise.all([page.waitForURL(/msg=linked/), page.locator('#indicator-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#task-indicators tr[data-code]').count(), before + 1);
  assert.equal(await page.locator('#task-indicators tr[data-code="venues.count"]').count(), 1);
  await h.shot(page, 'tasks-09-indicators');
  await Promise.all([page.waitForURL(/msg=unlinked/), page.locator('#task-indicators tr[data-code="venues.count"] button').click()]);
  assert.equal(await page.locator('#task-indicators tr[data-code="venues.count"]').count(), 0);
  await context.close();
});
