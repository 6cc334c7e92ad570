// A plan's tasks seen other ways (src/mod/tasks/views.c, api_views.c, docs/tasks.md "Views"):
// the list filtered and ordered by deadline with its contract kept, by unit, by chapter, the
// timeline, and the workbook export read back by the importer (and, when LibreOffice is
// installed, opened by it); and the staff's pages: who may see them, the import's dry run
// shown with its report, then confirmed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, DEMO, loginAs, assertError, cleanup } from './lib.mjs';

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// task 1 is overdue (2024), 5 and 2 are due later, 3 is ongoing, 4 has no date it can read
const table = `序号,工作任务,具体内容,时间节点,牵头单位,配合单位
一、设施网络,,,,,
1,城市书房,建成 20 个城市书房,2024 年 3 月,市文广旅局,市住建局、市文化馆
2,文化驿站,建成 10 个文化驿站,2030 年底,市文化馆,市文广旅局
二、数字服务,,,,,
3,公共文化云,上线活动预约功能,持续（每季度）,市图书馆,
4,古籍数字化,完成馆藏古籍数字化,待定,市图书馆,市文化馆
5,数字资源,新增数字资源并共享,2027 年 6 月,市文广旅局,
`;
const TITLE = '视图测试清单';

describe('tasks: views of a plan, its workbook and the staff pages', () => {
  let srv, admin, anon, id;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    admin = await loginAs(srv.base, DEMO.cityAdmin);
    anon = new Client(srv.base);
    const r = await admin.request('POST', `/api/v1/plans/import?division=5104&year_from=2024&year_to=2029&title=${encodeURIComponent(TITLE)}`,
      { body: table, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 201, r.text);
    id = r.json.plan_id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('filters and orders the list by deadline, keeping the contract of the list', async () => {
    const plain = await anon.get(`/api/v1/plans/${id}/tasks`);
    assert.equal(plain.status, 200, plain.text);
    assert.deepEqual(plain.json.items.map((t) => t.number), ['1', '2', '3', '4', '5']);
    const byDeadline = await anon.get(`/api/v1/plans/${id}/tasks?order=deadline`);
    assert.equal(byDeadline.status, 200, byDeadline.text);
    // dated by deadline, then the ongoing one, then the one without a date
    assert.deepEqual(byDeadline.json.items.map((t) => t.number), ['1', '5', '2', '3', '4']);
    for (const t of byDeadline.json.items)
      for (const k of ['id', 'number', 'title', 'content', 'deadline', 'deadline_text', 'ongoing', 'lead_units', 'cooperating_units', 'status', 'overdue'])
        assert.ok(k in t, `${k} in ${JSON.stringify(t)}`);
    assert.deepEqual(byDeadline.json.items[0].cooperating_units, ['市住建局', '市文化馆']);
    const overdue = await anon.get(`/api/v1/plans/${id}/tasks?overdue=1`);
    assert.deepEqual(overdue.json.items.map((t) => [t.number, t.overdue]), [['1', true]]);
    const before2028 = await anon.get(`/api/v1/plans/${id}/tasks?due_before=2028-01-01&order=deadline`);
    assert.deepEqual(before2028.json.items.map((t) => t.number), ['1', '5']);
    assert.deepEqual((await anon.get(`/api/v1/plans/${id}/tasks?status=done`)).json.items, []);
    assert.equal((await anon.get(`/api/v1/plans/${id}/tasks?status=open`)).json.items.length, 5);
    // paging a filtered list: the cursor is the position in it
    const p1 = await anon.get(`/api/v1/plans/${id}/tasks?order=deadline&limit=2`);
    assert.deepEqual(p1.json.items.map((t) => t.number), ['1', '5']);
    const p2 = await anon.get(`/api/v1/plans/${id}/tasks?order=deadline&limit=2&cursor=${p1.json.next_cursor}`);
    assert.deepEqual(p2.json.items.map((t) => t.number), ['2', '3']);
    const p3 = await anon.get(`/api/v1/plans/${id}/tasks?order=deadline&limit=2&cursor=${p2.json.next_cursor}`);
    assert.deepEqual(p3.json.items.map((t) => t.number), ['4']);
    assert.ok(!p3.json.next_cursor, JSON.stringify(p3.json));
    // bad filters are refused
    assertError(await anon.get(`/api/v1/plans/${id}/tasks?status=late`), 400, 'bad_status');
    assertError(await anon.get(`/api/v1/plans/${id}/tasks?due_before=2025-02-30`), 400, 'bad_date');
    assertError(await anon.get(`/api/v1/plans/${id}/tasks?order=random`), 400, 'bad_order');
    assertError(await anon.get(`/api/v1/plans/${id}/tasks?unit=x`), 400, 'bad_unit');
    assertError(await anon.get(`/api/v1/plans/${id}/tasks?overdue=yes`), 400, 'bad_overdue');
    assertError(await anon.get(`/api/v1/plans/${id}/tasks?order=deadline&cursor=99`), 400, 'bad_cursor');
    assertError(await anon.get('/api/v1/plans/999999/tasks?order=deadline'), 404);
  });

  it('groups the tasks by unit, as lead and as cooperating, and filters the list by a unit', async () => {
    const r = await anon.get(`/api/v1/plans/${id}/by-unit`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((u) => u.name), ['市文广旅局', '市住建局', '市文化馆', '市图书馆']);
    const bureau = r.json.items[0];
    assert.equal(bureau.division, '5104');
    assert.deepEqual(bureau.lead.map((t) => t.number), ['1', '5']);
    assert.deepEqual(bureau.cooperating.map((t) => t.number), ['2']);
    assert.deepEqual(bureau.counts, { lead: 2, cooperating: 1, overdue: 1 });
    const centre = r.json.items[2];
    assert.deepEqual(centre.lead.map((t) => t.number), ['2']);
    assert.deepEqual(centre.cooperating.map((t) => t.number), ['1', '4']);
    assert.deepEqual(centre.counts, { lead: 1, cooperating: 2, overdue: 1 });
    assert.equal(r.json.items[3].counts.overdue, 0);
    const ofCentre = await anon.get(`/api/v1/plans/${id}/tasks?unit=${centre.unit_id}`);
    assert.deepEqual(ofCentre.json.items.map((t) => t.number), ['1', '2', '4']);
    assertError(await anon.get('/api/v1/plans/999999/by-unit'), 404);
  });

  it('counts the tasks of each chapter by status', async () => {
    const r = await anon.get(`/api/v1/plans/${id}/chapters`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((c) => [c.section, c.count, c.overdue]), [['一、设施网络', 2, 1], ['二、数字服务', 3, 0]]);
    assert.deepEqual(r.json.items[1].status, { open: 3, in_progress: 0, done: 0, cancelled: 0 });
    assert.deepEqual(r.json.items[1].tasks.map((t) => t.number), ['3', '4', '5']);
    assertError(await anon.get('/api/v1/plans/999999/chapters'), 404);
  });

  it('lays the tasks on a timeline from the plan\'s first year to its last deadline', async () => {
    const r = await anon.get(`/api/v1/plans/${id}/timeline`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.start, '2024-01-01');
    assert.equal(r.json.end, '2030-12-31', 'a deadline after the plan\'s last year ends it');
    assert.match(r.json.today, /^\d{4}-\d\d-\d\d$/);
    const by = Object.fromEntries(r.json.items.map((t) => [t.number, t]));
    assert.deepEqual([by['1'].start, by['1'].end, by['1'].overdue], ['2024-01-01', '2024-03-31', true]);
    assert.deepEqual([by['3'].end, by['3'].ongoing], ['2030-12-31', true]);
    assert.deepEqual([by['4'].start, by['4'].end], [null, null]);
    assertError(await anon.get('/api/v1/plans/999999/timeline'), 404);
  });

  it('shows the staff pages to tasks_manage over the plan only', async () => {
    const pages = new Client(srv.base, { useCookie: true });
    await pages.login(DEMO.cityAdmin.phone, DEMO.cityAdmin.password);
    const list = await pages.get('/admin/plans');
    assert.equal(list.status, 200, list.text);
    assert.match(list.text, new RegExp(`href="/admin/plans/${id}"`));
    assert.match(list.text, /id="import-form"/);
    for (const view of ['table', 'units', 'chapters', 'timeline']) {
      const r = await pages.get(`/admin/plans/${id}?view=${view}`);
      assert.equal(r.status, 200, `${view}: ${r.text.slice(0, 300)}`);
    }
    const tl = await pages.get(`/admin/plans/${id}?view=timeline`);
    assert.equal((tl.text.match(/class="tl-task overdue"/g) || []).length, 1);
    assert.match(tl.text, /<line class="today"/);
    const filtered = await pages.get(`/admin/plans/${id}?view=table&overdue=1`);
    assert.equal((filtered.text.match(/<tr class="overdue" data-task=/g) || []).length, 1);
    assert.equal((await pages.get(`/admin/plans/${id}?status=late`)).status, 400);
    const dist = new Client(srv.base, { useCookie: true });
    await dist.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    assert.equal((await dist.get(`/admin/plans/${id}`)).status, 403, 'a district admin does not manage the city\'s plan');
    assert.equal((await dist.get('/admin/plans?division=5104')).status, 403);
    const cit = new Client(srv.base, { useCookie: true });
    await cit.login(DEMO.citizen.phone, DEMO.citizen.password);
    assert.equal((await cit.get('/admin/plans')).status, 403);
    assert.notEqual((await anon.get(`/admin/plans/${id}`)).status, 200, 'nobody logged in: no page');
  });

  it('imports through the page: a dry run with its report, then the confirmation', async () => {
    const pages = new Client(srv.base, { useCookie: true });
    await pages.login(DEMO.cityAdmin.phone, DEMO.cityAdmin.password);
    await pages.get('/admin/plans');
    const csrf = pages.jar.get('wy_csrf');
    const form = (fields, file) => {
      const f = new FormData();
      f.append('_csrf', csrf);
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      if (file) f.append('file', new Blob([file], { type: 'text/csv' }), 'tasks.csv');
      return f;
    };
    const send = (f) => pages.request('POST', '/admin/plans/import', { body: f });
    const title = '页面导入清单';
    const dry = await send(form({ title, division: '5104', year_from: '2024', year_to: '2026' }, table));
    assert.equal(dry.status, 200, dry.text.slice(0, 500));
    assert.match(dry.text, /id="dry-run-ok"/);
    assert.match(dry.text, /id="import-rows"/);
    assert.match(dry.text, /id="confirm-import"/);
    assert.ok(!(await anon.get('/api/v1/plans?division=5104')).json.items.some((p) => p.title === title), 'the dry run wrote nothing');
    // the confirmation carries the file read
    const data = /name="data" value="([^"]+)"/.exec(dry.text)[1];
    const done = await send(form({ confirm: '1', title, division: '5104', year_from: '2024', year_to: '2026', data }));
    assert.equal(done.status, 303, done.text.slice(0, 300));
    const m = /\/admin\/plans\/(\d+)\?msg=plan_imported/.exec(done.headers.get('location'));
    assert.ok(m, done.headers.get('location'));
    const plan = (await anon.get(`/api/v1/plans/${m[1]}`)).json;
    assert.deepEqual([plan.title, plan.tasks, plan.year_from], [title, 5, 2024]);
    // again: refused with plan_exists, shown on the page, nothing confirmed
    const twice = await send(form({ title, division: '5104' }, table));
    assert.equal(twice.status, 409);
    assert.match(twice.text, /id="import-error"/);
    assert.doesNotMatch(twice.text, /id="confirm-import"/);
    // a row that cannot be read: the report says which, nothing to confirm
    const bad = await send(form({ title: '坏清单', division: '5104' }, '序号,工作任务,具体内容,时间节点,牵头单位\n,,孤立内容,2025 年,市文广旅局\n'));
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<tr class="refused">/);
    assert.doesNotMatch(bad.text, /id="confirm-import"/);
    // a file too large to travel back in the preview's form: told to use the API
    const big = await send(form({ title: '大文件', division: '5104' }, table + ','.repeat(5 << 20)));
    assert.equal(big.status, 413);
    assert.match(big.text, /id="import-error"/);
    // out of the caller's area: refused
    const dist = new Client(srv.base, { useCookie: true });
    await dist.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    await dist.get('/admin/plans');
    const f = new FormData();
    f.append('_csrf', dist.jar.get('wy_csrf'));
    f.append('title', '越权');
    f.append('division', '5104');
    f.append('file', new Blob([table], { type: 'text/csv' }), 'tasks.csv');
    assert.equal((await dist.request('POST', '/admin/plans/import', { body: f })).status, 403);
  });

  // last: LibreOffice may take a while, and a server closes the connections left idle meanwhile
  it('exports the table as a workbook that the importer reads back to the same tasks', async (t) => {
    const res = await fetch(`${srv.base}/api/v1/plans/${id}/tasks.xlsx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), XLSX);
    assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="plan-${id}-tasks.xlsx"`));
    const book = Buffer.from(await res.arrayBuffer());
    assert.equal(book.subarray(0, 2).toString(), 'PK');
    const again = await admin.request('POST', `/api/v1/plans/import?division=5104&dry_run=1&title=${encodeURIComponent('读回')}`,
      { body: book, headers: { 'Content-Type': XLSX } });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.refused, 0);
    const kinds = again.json.rows.map((r) => r.kind);
    assert.deepEqual(kinds, ['preamble', 'header', 'section', 'task', 'task', 'section', 'task', 'task', 'task']);
    const stored = (await anon.get(`/api/v1/plans/${id}/tasks`)).json.items;
    const pick = (x) => ({ number: x.number, section: x.section, title: x.title, content: x.content, deadline: x.deadline,
      deadline_text: x.deadline_text, ongoing: x.ongoing, lead_units: x.lead_units, cooperating_units: x.cooperating_units });
    assert.deepEqual(again.json.tasks.map(pick), stored.map(pick));
    assertError(await anon.get('/api/v1/plans/999999/tasks.xlsx'), 404);

    if (!have('soffice')) {
      t.skip('LibreOffice (soffice) is not installed: scripts/deps.sh all installs it');
      return;
    }
    // LibreOffice opens it: its first sheet as CSV holds the header, the status and a section
    const file = join(srv.dir, 'export.xlsx');
    writeFileSync(file, book);
    const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${join(srv.dir, 'lo-views')}`,
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', srv.dir, file], { encoding: 'utf8', timeout: 180000 });
    assert.equal(r.status, 0, `soffice failed: ${r.stdout}\n${r.stderr}`);
    const csv = readFileSync(join(srv.dir, 'export.csv'), 'utf8').replaceAll('"', ''); // LibreOffice quotes every text cell
    assert.match(csv, /^视图测试清单/);
    assert.match(csv, /序号,工作任务,具体内容,时间节点,牵头单位,配合单位,状态/);
    assert.match(csv, /\n一、设施网络,/);
    assert.match(csv, /1,城市书房,建成 20 个城市书房,2024 年 3 月,市文广旅局,市住建局、市文化馆,未开始/);
  });
});
