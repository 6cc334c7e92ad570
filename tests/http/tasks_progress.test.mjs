// The progress of plans' tasks over HTTP (src/mod/tasks/progress.h, docs/tasks.md "Progress"),
// on the demo's plan of 攀枝花市: units and their members, managed within the division; what a
// unit owes; a report of the lead unit with a photo, a contribution of a cooperating unit, a
// member of another unit refused; status changes; names masked for others; an indicator that
// lags shown on its task; and `wenyun jobs --once` escalating an overdue task to the city's
// managers once, however often it runs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, runCli } from './lib.mjs';
import { png } from './security_world.mjs';

const PLAN = '攀枝花市公共文化服务工作任务清单（示例）';

describe('tasks: progress of the demo plan', () => {
  let srv, admin, district, lead, coop, vm, citizen, anon;
  let tasks, units, planId;
  const task = (number) => tasks.find((t) => t.number === number);
  const unit = (division, name) => units.find((u) => u.division === division && u.name === name);

  before(async () => {
    // the periodic jobs run from the command line only: the last case runs them one by one
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 }, jobs: { periodic: false } } });
    [admin, district, lead, coop, vm, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.cityReviewer), // the demo's member of 市文广旅局
      loginAs(srv.base, DEMO.districtReviewer), // the demo's member of 东区文广旅局
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    const plans = await anon.get('/api/v1/plans?division=5104');
    const plan = plans.json.items.find((p) => p.title === PLAN);
    planId = plan.id;
    tasks = (await anon.get(`/api/v1/plans/${plan.id}/tasks`)).json.items;
    units = (await anon.get('/api/v1/units?division=5104&limit=200')).json.items;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('lists units publicly and lets the division\'s managers name their members', async () => {
    const city = unit('5104', '市文广旅局');
    const library = unit('5104', '市图书馆');
    assert.ok(city && library, JSON.stringify(units.slice(0, 5)));
    assert.equal(city.members, 1);
    assertError(await anon.get('/api/v1/units?division=5x'), 400, 'bad_division');
    assertError(await anon.get(`/api/v1/units/${city.id}/members`), 401);
    assertError(await lead.get(`/api/v1/units/${city.id}/members`), 403);
    assertError(await district.get(`/api/v1/units/${city.id}/members`), 403); // 东区's admin: not the city's units
    const m = await admin.get(`/api/v1/units/${city.id}/members`);
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.items.length, 1);
    assert.equal(m.json.items[0].phone, '139****0004');
    assertError(await admin.post(`/api/v1/units/${library.id}/members`, { phone: DEMO.citizen.phone }), 422, 'not_staff');
    assertError(await admin.post(`/api/v1/units/${library.id}/members`, {}), 400, 'bad_user');
    const added = await admin.post(`/api/v1/units/${library.id}/members`, { phone: DEMO.venueManager.phone });
    assert.equal(added.status, 201, added.text);
    assertError(await admin.post(`/api/v1/units/${library.id}/members`, { phone: DEMO.venueManager.phone }), 409, 'already_member');
    // the library's member owes the library's tasks
    const owed = await vm.get('/api/v1/me/tasks');
    assert.equal(owed.status, 200, owed.text);
    assert.ok(owed.json.items.length > 0 && owed.json.items.every((t) => t.unit.name === '市图书馆'), owed.text);
    assert.deepEqual((await citizen.get('/api/v1/me/tasks')).json.items, []);
    assertError(await anon.get('/api/v1/me/tasks'), 401);
    assertError(await lead.get(`/api/v1/units/${library.id}/tasks`), 403);
    assert.equal((await admin.get(`/api/v1/units/${library.id}/tasks`)).json.items.length, owed.json.items.length);
  });

  it('shows a unit what it owes: deadlines, days overdue, the last report, reports due', async () => {
    const r = await lead.get('/api/v1/me/tasks');
    assert.equal(r.status, 200, r.text);
    const overdue = r.json.items.find((t) => t.id === task('1.1').id);
    assert.equal(overdue.deadline, '2024-03-31');
    assert.equal(overdue.role, 'lead');
    assert.ok(overdue.days_left < 0 && overdue.overdue, r.text);
    const ongoing = r.json.items.find((t) => t.id === task('2').id);
    assert.equal(ongoing.ongoing, true);
    assert.equal(ongoing.days_left, null);
    assert.ok(ongoing.last_report_at, 'the demo reported on it');
    assert.equal(ongoing.report_due, false);
  });

  it('takes reports from the lead unit, contributions from the cooperating ones, and refuses other units', async () => {
    const t = task('2'); // led by 市文广旅局, 东区文广旅局 cooperating
    assertError(await vm.post(`/api/v1/plan-tasks/${t.id}/reports`, { text: '越权', percent: 10 }), 403, 'not_on_task');
    assertError(await coop.post(`/api/v1/plan-tasks/${t.id}/reports`, { text: '越权', percent: 10 }), 403, 'not_lead');
    assertError(await admin.post(`/api/v1/plan-tasks/${t.id}/reports`, { text: '越权', percent: 10 }), 403, 'not_lead');
    assertError(await lead.post(`/api/v1/plan-tasks/${t.id}/reports`, { text: '进展', percent: 120 }), 400, 'bad_percent');
    assertError(await lead.post(`/api/v1/plan-tasks/${t.id}/reports`, { text: '进展', percent: 70, period: '2026-05' }), 400, 'bad_period');
    const rep = await lead.post(`/api/v1/plan-tasks/${t.id}/reports`, { text: '全年活动完成七成', percent: 70, status: 'in_progress' });
    assert.equal(rep.status, 201, rep.text);
    assert.equal(rep.json.period, String(new Date(Date.now() + 8 * 3600e3).getUTCFullYear()));
    assert.equal(rep.json.unit.name, '市文广旅局');
    assertError(await vm.post(`/api/v1/plan-tasks/${t.id}/contributions`, { text: '越权' }), 403, 'not_on_task');
    assertError(await lead.post(`/api/v1/plan-tasks/${t.id}/contributions`, { text: '越权' }), 403, 'not_cooperating');
    const c = await coop.post(`/api/v1/plan-tasks/${t.id}/contributions`, { text: '东区提供场地' });
    assert.equal(c.status, 201, c.text);
    // a photo of the report, by its unit
    const photo = await lead.request('POST', `/api/v1/task-reports/${rep.json.id}/attachments?kind=photo&name=现场.png`, { body: png(), headers: { 'Content-Type': 'image/png' } });
    assert.equal(photo.status, 201, photo.text);
    assertError(await coop.request('POST', `/api/v1/task-reports/${rep.json.id}/attachments?kind=photo&name=p.png`, { body: png(), headers: { 'Content-Type': 'image/png' } }), 403);
    assertError(await lead.request('POST', `/api/v1/task-reports/${rep.json.id}/attachments?kind=photo&name=p.png`, { body: 'not an image', headers: { 'Content-Type': 'image/png' } }), 400, 'bad_content_type');
    assert.equal((await coop.get(photo.json.url)).status, 200);
    assertError(await vm.get(photo.json.url), 403);
    // who reads them, and whose names they see
    assertError(await vm.get(`/api/v1/plan-tasks/${t.id}/reports`), 403, 'not_on_task');
    assertError(await anon.get(`/api/v1/plan-tasks/${t.id}/reports`), 401);
    const byManager = await admin.get(`/api/v1/plan-tasks/${t.id}/reports`);
    assert.equal(byManager.status, 200, byManager.text);
    const mine = byManager.json.items.find((r) => r.id === rep.json.id);
    assert.equal(mine.reporter, '市级审核员');
    assert.equal(mine.files.length, 1);
    assert.ok(byManager.json.contributions.some((x) => x.text === '东区提供场地' && x.unit.name === '东区文广旅局'));
    const byCoop = await coop.get(`/api/v1/plan-tasks/${t.id}/reports`);
    const masked = byCoop.json.items.find((r) => r.id === rep.json.id).reporter;
    assert.notEqual(masked, '市级审核员');
    assert.ok(masked.includes('*'), masked);
  });

  it('changes a task\'s status by the lead unit or the plan\'s managers, with its history', async () => {
    const t = task('1.2');
    assertError(await vm.post(`/api/v1/plan-tasks/${t.id}/status`, { status: 'done' }), 403, 'not_on_task');
    assertError(await citizen.post(`/api/v1/plan-tasks/${t.id}/status`, { status: 'done' }), 403, 'not_on_task');
    assertError(await lead.post(`/api/v1/plan-tasks/${t.id}/status`, { status: 'finished' }), 400, 'bad_status');
    const r = await lead.post(`/api/v1/plan-tasks/${t.id}/status`, { status: 'done', note: '品牌推广已完成' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'done');
    assert.equal(r.json.history.at(-1).note, '品牌推广已完成');
    assertError(await lead.post(`/api/v1/plan-tasks/${t.id}/status`, { status: 'done' }), 409, 'no_change');
    const pub = await anon.get(`/api/v1/plan-tasks/${t.id}`);
    assert.equal(pub.json.status, 'done');
    assert.equal(pub.json.history, undefined);
    const audit = await admin.get('/api/v1/audit?division=5104');
    assert.ok(audit.json.items.some((e) => e.action === 'plan_task.status' && String(e.object_id) === String(t.id)), audit.text);
  });

  it('shows a lagging indicator on its task', async () => {
    const t = task('4');
    const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();
    // a target no city reaches in a year: behind it pro rata whatever the day
    const target = await admin.put('/api/v1/indicators/venues.count/targets', { division: '5104', period: String(year), target: 1e9 });
    assert.equal(target.status, 200, target.text);
    assertError(await lead.post(`/api/v1/plan-tasks/${t.id}/indicators`, { code: 'venues.count' }), 403);
    assertError(await admin.post(`/api/v1/plan-tasks/${t.id}/indicators`, { code: 'no.such' }), 400, 'unknown_indicator');
    const r = await admin.post(`/api/v1/plan-tasks/${t.id}/indicators`, { code: 'venues.count' });
    assert.equal(r.status, 201, r.text);
    const shown = (await anon.get(`/api/v1/plan-tasks/${t.id}`)).json.indicators.find((i) => i.code === 'venues.count');
    assert.equal(shown.target, 1e9);
    assert.equal(shown.year, year);
    assert.ok(shown.actual >= 0, JSON.stringify(shown));
    assert.ok(shown.expected > shown.actual, JSON.stringify(shown));
    assert.equal(shown.lagging, true);
    assertError(await admin.post(`/api/v1/plan-tasks/${t.id}/indicators`, { code: 'venues.count' }), 409, 'already_linked');
  });

  it('escalates an overdue task to the city\'s managers once (wenyun jobs --run, --once)', async () => {
    const t = task('1.1'); // due 2024-03-31, still open
    const inbox = async (who) => (await who.get('/api/v1/me/notifications?limit=100')).json.items.filter((n) => n.kind === 'tasks.escalated' && n.subject.id === t.id);
    // another job, run alone, escalates nothing; an unknown name runs nothing
    const other = runCli(['jobs', '--run', 'feedback-overdue', '--db', srv.db]);
    assert.equal(other.code, 0, other.stderr);
    assert.match(other.stdout, /^feedback-overdue ran$/m);
    const unknown = runCli(['jobs', '--run', 'tasks-deadlines', '--run', 'no-such-job', '--db', srv.db]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no periodic job is called 'no-such-job'/);
    assert.equal((await inbox(admin)).length, 0);
    const listed = runCli(['jobs', '--list', '--db', srv.db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(listed.stdout.split('\n').includes('tasks-deadlines'), listed.stdout);
    const one = runCli(['jobs', '--run', 'tasks-deadlines', '--db', srv.db]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal((await inbox(admin)).length, 1);
    const cli = runCli(['jobs', '--once', '--db', srv.db]); // and again with every job: still once
    assert.equal(cli.code, 0, cli.stderr);
    const told = await inbox(admin);
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.ok(told[0].text.includes('2024-03-31'), told[0].text);
    assert.equal((await inbox(district)).length, 0); // 东区's admin: not the plan's division
    assert.equal((await inbox(lead)).length, 0);
    const after = await anon.get(`/api/v1/plan-tasks/${t.id}`);
    assert.ok(after.json.escalated_at, after.text);
    // a lagging indicator of an open task is told to its lead unit's members: task 4 is led by
    // the counties' bureaus, 东区文广旅局 among them
    const lagging = (await coop.get('/api/v1/me/notifications?limit=100')).json.items.filter((n) => n.kind === 'tasks.indicator_lagging' && n.subject.id === task('4').id);
    assert.equal(lagging.length, 1, JSON.stringify(lagging));
  });

  it('gives the managers pages of a unit\'s members and of a task\'s indicators', async () => {
    const postForm = async (c, path, fields) => c.request('POST', path, { body: new URLSearchParams({ ...fields, _csrf: await c.csrfToken() }) });
    const theatre = unit('5104', '市文化馆') || units.find((u) => u.division === '5104' && u.name !== '市文广旅局' && u.name !== '市图书馆');
    assert.ok(theatre, 'a unit of the city to work on');
    // the list and the unit's page: the division's managers only
    assert.equal((await citizen.get('/admin/units')).status, 403);
    let page = await admin.get('/admin/units?division=5104');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`href="/admin/units/${theatre.id}"`));
    assert.equal((await district.get(`/admin/units/${theatre.id}`)).status, 403); // 东区's admin: not the city's units
    // add by phone: not staff refused on the page, nothing written; staff added, masked phone
    let r = await postForm(admin, `/admin/units/${theatre.id}/members`, { phone: DEMO.citizen.phone });
    assert.equal(r.status, 422);
    assert.match(r.text, /data-code="not_staff"/);
    assert.equal((await admin.get(`/api/v1/units/${theatre.id}/members`)).json.items.length, 0);
    r = await postForm(admin, `/admin/units/${theatre.id}/members`, { phone: DEMO.districtAdmin.phone });
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /msg=added/);
    const members = (await admin.get(`/api/v1/units/${theatre.id}/members`)).json.items;
    assert.equal(members.length, 1);
    page = await admin.get(`/admin/units/${theatre.id}`);
    assert.ok(page.text.includes(`data-user="${members[0].user_id}"`));
    assert.ok(!page.text.includes(DEMO.districtAdmin.phone), 'the phone masked');
    assert.ok(page.text.includes('id="unit-tasks"'));
    r = await postForm(admin, `/admin/units/${theatre.id}/members`, { phone: DEMO.districtAdmin.phone });
    assert.equal(r.status, 409);
    assert.match(r.text, /data-code="already_member"/);
    // remove
    r = await postForm(admin, `/admin/units/${theatre.id}/members/remove`, { user_id: String(members[0].user_id) });
    assert.equal(r.status, 303, r.text);
    assert.equal((await admin.get(`/api/v1/units/${theatre.id}/members`)).json.items.length, 0);
    r = await postForm(admin, `/admin/units/${theatre.id}/members/remove`, { user_id: String(members[0].user_id) });
    assert.ok(r.status >= 400 && r.status < 500, String(r.status));

    // a task's indicators: the lagging one of task 4, linked and unlinked on the page
    const t = task('4');
    const base = `/admin/plans/${planId}/tasks/${t.id}`;
    assert.ok((await admin.get(base)).text.includes(`href="${base}/indicators"`), 'linked from the task for its managers');
    assert.equal((await lead.get(`${base}/indicators`)).status, 403);
    page = await admin.get(`${base}/indicators`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<tr data-code="venues.count" class="lagging">/);
    r = await postForm(admin, `${base}/indicators`, { code: 'no.such' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-code"/);
    r = await postForm(admin, `${base}/indicators`, { code: 'feedback.satisfaction' });
    assert.equal(r.status, 303, r.text);
    assert.ok((await anon.get(`/api/v1/plan-tasks/${t.id}`)).json.indicators.some((i) => i.code === 'feedback.satisfaction'));
    r = await postForm(admin, `${base}/indicators/remove`, { code: 'feedback.satisfaction' });
    assert.equal(r.status, 303, r.text);
    assert.ok(!(await anon.get(`/api/v1/plan-tasks/${t.id}`)).json.indicators.some((i) => i.code === 'feedback.satisfaction'));
    // a task of another plan's path: not found
    assert.equal((await admin.get(`/admin/plans/${planId + 100000}/tasks/${t.id}/indicators`)).status, 404);
  });
});
