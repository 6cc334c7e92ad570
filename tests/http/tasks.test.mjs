// Plans and their task tables through the API and the command line (src/mod/tasks,
// docs/tasks.md): the contract routes on the demo's plan of 攀枝花市; an import's dry run with
// its per-row report, a table with a refused row writing nothing, the import, plan_exists and
// replace; the same table as an Excel workbook saved by LibreOffice read to the same tasks; who
// may import; and `wenyun tasks import` with its exit codes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, runCli, SOURCE_DIR } from './lib.mjs';

const DEMO_CSV = join(SOURCE_DIR, 'data/demo/plan_tasks_5104.csv');
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

const table = `序号,工作任务,具体内容,时间节点,牵头单位,配合单位
一、设施网络,,,,,
1,城市书房,建成 20 个城市书房,2024 年 3 月,市文广旅局,"市住建局、
各县（区）文广旅局"
,,建成 10 个文化驿站,2025 年底,市文广旅局,
2,文化站达标,37 个站达到省级标准,持续（每年）,各县（区）文广旅局,
`;

describe('tasks: plans and their task tables', () => {
  let srv, admin, district, citizen, anon;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const upload = (who, query, body, type = 'text/csv') =>
    who.request('POST', `/api/v1/plans/import?${query}`, { body, headers: { 'Content-Type': type } });

  it('lists the demo plan and its tasks in the contract shape, to anyone', async () => {
    const plans = await anon.get('/api/v1/plans?division=5104');
    assert.equal(plans.status, 200, plans.text);
    const plan = plans.json.items.find((p) => p.title === '攀枝花市公共文化服务工作任务清单（示例）');
    assert.ok(plan, plans.text);
    assert.equal(plan.division, '5104');
    assert.equal(plan.tasks, 11);
    const tasks = await anon.get(`/api/v1/plans/${plan.id}/tasks`);
    assert.equal(tasks.status, 200, tasks.text);
    const first = tasks.json.items[0];
    for (const k of ['id', 'number', 'title', 'content', 'deadline', 'deadline_text', 'ongoing', 'lead_units', 'cooperating_units', 'status'])
      assert.ok(k in first, `${k} in ${JSON.stringify(first)}`);
    assert.equal(first.number, '1.1');
    assert.equal(first.deadline, '2024-03-31');
    assert.equal(first.deadline_text, '2024 年 3 月');
    assert.deepEqual(first.lead_units, ['市文广旅局']);
    assert.ok(first.cooperating_units.includes('市融媒体中心'));
    assert.ok(first.cooperating_units.includes('米易县文联'), first.cooperating_units.join('、'));
    const ongoing = tasks.json.items.find((t) => t.deadline_text.startsWith('持续'));
    assert.equal(ongoing.ongoing, true);
    assert.equal(ongoing.deadline, null);
    // paging by the table's order
    const page = await anon.get(`/api/v1/plans/${plan.id}/tasks?limit=4`);
    assert.equal(page.json.items.length, 4);
    const rest = await anon.get(`/api/v1/plans/${plan.id}/tasks?limit=100&cursor=${page.json.next_cursor}`);
    assert.equal(rest.json.items.length, 7);
    assert.equal(rest.json.items[0].seq, 5);
    assertError(await anon.get('/api/v1/plans/999999'), 404);
    assertError(await anon.get('/api/v1/plans?division=5x'), 400, 'bad_division');
  });

  it('reports a dry run, refuses a table with a bad row whole, imports, and replaces only when asked', async () => {
    const q = `division=5104&title=${encodeURIComponent('测试任务清单')}`;
    const dry = await upload(admin, `${q}&dry_run=1`, table);
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.json.dry_run, true);
    assert.equal(dry.json.tasks_read, 3);
    assert.equal(dry.json.plan_id, null);
    const kinds = dry.json.rows.map((r) => `${r.line}:${r.kind}`);
    assert.deepEqual(kinds, ['1:header', '2:section', '3:task', '5:part', '6:task']);
    const part = dry.json.rows.find((r) => r.kind === 'part');
    assert.equal(part.task, '1.2');
    assert.ok(part.notes.some((n) => n.code === 'title_inherited' && n.message), JSON.stringify(part));
    assert.equal(dry.json.tasks[0].cooperating_units.length, 6);
    let list = await anon.get('/api/v1/plans?division=5104');
    assert.ok(!list.json.items.some((p) => p.title === '测试任务清单'), 'the dry run wrote nothing');
    // a row that cannot be read: nothing written, the report says which
    const bad = await upload(admin, q, `${table},,,,,孤立单位\n`.replace('2,文化站达标', '一、标题,').replace(',37 个站达到省级标准,持续（每年）,各县（区）文广旅局,', ',,,,'));
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.code, 'bad_rows');
    assert.ok(bad.json.rows.some((r) => r.kind === 'refused' && r.notes[0].code === 'no_task_above'), bad.text);
    list = await anon.get('/api/v1/plans?division=5104');
    assert.ok(!list.json.items.some((p) => p.title === '测试任务清单'));
    // not a table at all
    const junk = await upload(admin, q, 'PK\u0003\u0004junk', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(junk.status, 400, junk.text);
    assert.equal(junk.json.error.code, 'bad_file');
    assert.match(junk.json.error.detail, /workbook/);
    // imported
    const ok = await upload(admin, `${q}&year_from=2024&year_to=2025`, table);
    assert.equal(ok.status, 201, ok.text);
    const id = ok.json.plan_id;
    const plan = await anon.get(`/api/v1/plans/${id}`);
    assert.equal(plan.json.year_from, 2024);
    assert.equal(plan.json.tasks, 3);
    assert.ok(plan.json.overdue >= 1, 'the task due 2024-03-31 is overdue now');
    // again: 409 unless replace
    assertError(await upload(admin, q, table), 409, 'plan_exists');
    const again = await upload(admin, `${q}&replace=1`, '工作任务,时间节点,牵头单位\n只剩一项,2027年,市文广旅局\n');
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.plan_id, id);
    assert.equal(again.json.replaced, true);
    const tasks = await anon.get(`/api/v1/plans/${id}/tasks`);
    assert.deepEqual(tasks.json.items.map((t) => t.title), ['只剩一项']);
  });

  it('lets only tasks_manage over the division import', async () => {
    const q = `division=5104&title=${encodeURIComponent('越权清单')}&dry_run=1`;
    assertError(await upload(anon, q, table), 401);
    assertError(await upload(citizen, q, table), 403);
    assertError(await upload(district, q, table), 403);
    const own = await upload(district, `division=510402&title=${encodeURIComponent('东区清单')}&dry_run=1`, table);
    assert.equal(own.status, 200, own.text);
    assertError(await upload(admin, 'division=5104', table), 400, 'bad_title');
    assertError(await upload(admin, `division=5104&title=x&year_from=20x5`, table), 400, 'bad_years');
  });

  it('reads the demo table saved as an Excel workbook to the same tasks as the CSV', async (t) => {
    if (!have('soffice')) {
      t.skip('LibreOffice (soffice) is not installed: scripts/deps.sh all installs it');
      return;
    }
    // UTF-8 CSV in, .xlsx out (LibreOffice writes its own shared strings and styles)
    const csv = join(srv.dir, 'tasks.csv');
    writeFileSync(csv, readFileSync(DEMO_CSV));
    const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${join(srv.dir, 'lo-profile')}`,
      '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', srv.dir, csv], { encoding: 'utf8', timeout: 180000 });
    assert.equal(r.status, 0, `soffice failed: ${r.stdout}\n${r.stderr}`);
    const xlsx = join(srv.dir, 'tasks.xlsx');
    assert.ok(existsSync(xlsx));
    const q = `division=5104&title=${encodeURIComponent('工作簿清单')}&dry_run=1`;
    const fromCsv = await upload(admin, q, readFileSync(DEMO_CSV));
    const fromXlsx = await upload(admin, q, readFileSync(xlsx), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(fromCsv.status, 200, fromCsv.text);
    assert.equal(fromXlsx.status, 200, fromXlsx.text);
    assert.equal(fromXlsx.json.tasks_read, 11);
    // the same tasks; only where they start differs (a CSV line, a sheet row: a cell broken
    // over two lines takes two lines of the CSV and one row of the sheet)
    const withoutRow = (ts) => ts.map(({ row, ...t }) => t);
    assert.deepEqual(withoutRow(fromXlsx.json.tasks), withoutRow(fromCsv.json.tasks));
    assert.ok(fromXlsx.json.tasks.every((t, i) => t.row <= fromCsv.json.tasks[i].row));
  });

  it('imports from the command line, with a dry run and exit codes', () => {
    const db = srv.db;
    const dry = runCli(['tasks', 'import', '--db', db, '--plan', '命令行清单', '--division', '5104', '--dry-run', DEMO_CSV]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /11 tasks read, 0 rows refused/);
    assert.match(dry.stdout, /dry run: nothing written/);
    const real = runCli(['tasks', 'import', '--db', db, '--plan', '命令行清单', '--division', '5104', '--years', '2023-2025', DEMO_CSV]);
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, /plan \d+ imported: 11 tasks/);
    const again = runCli(['tasks', 'import', '--db', db, '--plan', '命令行清单', '--division', '5104', DEMO_CSV]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /imported/);
    const usage = runCli(['tasks', 'import', '--db', db, DEMO_CSV]);
    assert.equal(usage.code, 2);
  });
});
