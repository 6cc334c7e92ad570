// The command line: member import from CSV (bad rows reported with line and reason, good
// rows imported, --dry-run saves nothing), `user add`, `demo` run twice, and `routes`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  tempDir, cleanup, runCli, loadDemo, startServer, freshDb, Client, DEMO, loginAs, assertError, nextSmsCode,
} from './lib.mjs';

const masked = (p) => `${p.slice(0, 3)}****${p.slice(7)}`;

// 王五 in GBK: what a spreadsheet saved as "CSV" on a Chinese Windows produces
const GBK_NAME = Buffer.from([0xcd, 0xf5, 0xce, 0xe5]);

const rows = [
  // [line, bytes, expected: 'ok' | reason pattern]
  [1, 'phone,name,password,role,division', 'header'],
  [2, '13700000001,张三,Import2026a', 'ok'],
  [3, '13700000002,李四,Import2026b,venue_manager,510402001', 'ok'],
  [4, '12345,坏号码,Import2026c', /mobile number/],
  [5, '13700000001,张三重复,Import2026d', /earlier row|exists/],
  [6, '13700000003,无密码', 'pending'],
  [7, Buffer.concat([Buffer.from('13700000004,'), GBK_NAME, Buffer.from(',Import2026e')]), /UTF-8/],
  [8, '13700000005,弱密码,weak', /8 to 128 characters/],
  [9, '13700000006,角色错,Import2026f,king,510402', /role/i],
  [10, '13700000007,"赵,六",Import2026g', 'ok'],
  [11, '13800000006,演示重复,Import2026h', /exists/],
  [12, '13700000008,区划错,Import2026i,reviewer,9999', /division/i],
  [13, '13700000009,太多列,Import2026j,citizen,510402,extra', /2 to 5 columns/],
  [14, '13700000010', /2 to 5 columns/],
];
const GOOD = [
  { line: 2, phone: '13700000001', password: 'Import2026a', name: '张三' },
  { line: 3, phone: '13700000002', password: 'Import2026b', name: '李四', role: ['venue_manager', '510402001'] },
  { line: 10, phone: '13700000007', password: 'Import2026g', name: '赵,六' },
];
const BAD_LINES = rows.filter(([, , e]) => e instanceof RegExp).map(([l]) => l);

/** Parse "FILE:LINE: rejected PHONE: REASON" lines and the summary. */
function parseReport(stdout, csv) {
  const rejected = new Map();
  let summary = null;
  for (const l of stdout.split('\n')) {
    const m = l.match(/^(.*):(\d+): rejected (\S*): (.*)$/);
    if (m) {
      assert.equal(m[1], csv);
      rejected.set(+m[2], { phone: m[3], reason: m[4] });
    }
    const s = l.match(/^(\d+) accepted, (\d+) rejected/);
    if (s) summary = { accepted: +s[1], rejected: +s[2] };
  }
  assert.ok(summary, `a summary line in:\n${stdout}`);
  return { rejected, summary };
}

describe('wenyun user import --csv', () => {
  let dir, db, csv;
  before(() => {
    dir = tempDir();
    db = freshDb(dir);
    loadDemo(db);
    csv = join(dir, 'members.csv');
    writeFileSync(csv, Buffer.concat(rows.map(([, b]) => Buffer.concat([Buffer.from(b), Buffer.from('\n')]))));
  });
  after(() => cleanup(dir));

  function checkReport(r) {
    const { rejected, summary } = parseReport(r.stdout, csv);
    assert.deepEqual([...rejected.keys()].sort((a, b) => a - b), BAD_LINES, r.stdout);
    for (const [line, , want] of rows) {
      if (!(want instanceof RegExp)) continue;
      assert.match(rejected.get(line).reason, want, `line ${line}: ${rejected.get(line).reason}`);
    }
    // phones in the report are masked
    assert.equal(rejected.get(5).phone, masked('13700000001'));
    assert.equal(rejected.get(11).phone, '138****0006');
    assert.deepEqual(summary, { accepted: GOOD.length + 1, rejected: BAD_LINES.length });
    assert.equal(r.code, 1, 'exit status 1 when some rows were rejected');
    return summary;
  }

  it('--dry-run reports every bad row with its line and reason, and saves nothing', async () => {
    const r = runCli(['user', 'import', '--db', db, '--csv', csv, '--dry-run']);
    checkReport(r);
    assert.match(r.stdout, /\(dry run\)/);
  });

  it('the real import reports the same, imports the good rows, and they can log in', async () => {
    const r = runCli(['user', 'import', '--db', db, '--csv', csv]);
    checkReport(r);
    assert.doesNotMatch(r.stdout, /dry run/);

    const srv = await startServer({ dir, db, demo: false });
    try {
      for (const g of GOOD) {
        const c = await loginAs(srv.base, g);
        const me = (await c.get('/api/v1/me')).json;
        assert.equal(me.phone, g.phone);
        assert.equal(me.name, g.name);
        assert.deepEqual(
          me.roles.map((x) => [x.role, x.division]),
          g.role ? [g.role] : [],
        );
      }
      // bad rows were not imported, and the row without a password waits for its member
      const anon = new Client(srv.base);
      for (const phone of ['13700000003', '13700000004', '13700000005', '13700000006', '13700000008']) {
        assertError(await anon.post('/api/v1/auth/login', { phone, password: 'Import2026e' }), 401, 'bad_credentials');
      }
      // the duplicate row did not overwrite the first
      await loginAs(srv.base, { phone: '13700000001', password: 'Import2026a' });
      // nor the demo citizen's password
      await loginAs(srv.base, DEMO.citizen);
    } finally {
      await srv.stop();
    }
  });

  it('importing the same file again accepts nothing: every good row is now a duplicate', () => {
    const r = runCli(['user', 'import', '--db', db, '--csv', csv]);
    const { rejected, summary } = parseReport(r.stdout, csv);
    assert.equal(summary.accepted, 0);
    for (const g of GOOD) assert.match(rejected.get(g.line).reason, /exists/);
    assert.match(rejected.get(6).reason, /exists/);
    // progress on standard error, batch by batch
    assert.match(r.stderr, /^ {2}\d+ of 13 rows$/m);
  });

  it('the member imported without a password activates the account with a code', async () => {
    const srv = await startServer({ dir, db, demo: false });
    try {
      const anon = new Client(srv.base);
      assertError(await anon.post('/api/v1/auth/login', { phone: '13700000003', password: 'Import2026z' }), 401, 'bad_credentials');
      assert.equal((await anon.post('/api/v1/auth/reset/request', { phone: '13700000003' })).status, 202);
      const code = await nextSmsCode(srv, '13700000003', 0, 'reset');
      assert.equal((await anon.post('/api/v1/auth/reset', { phone: '13700000003', code, password: 'Import2026z' })).status, 200);
      const c = await loginAs(srv.base, { phone: '13700000003', password: 'Import2026z' });
      assert.equal((await c.get('/api/v1/me')).json.name, '无密码');
    } finally {
      await srv.stop();
    }
  });

  it('a file with only good rows exits 0; a header is optional; a UTF-8 BOM is fine', () => {
    const f = join(dir, 'good.csv');
    writeFileSync(f, '\ufeff13700000010,钱七,Import2026k\r\n13700000011,孙八,Import2026l,reviewer,510403\r\n');
    const r = runCli(['user', 'import', '--db', db, '--csv', f]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^2 accepted, 0 rejected/m);
  });

  it('a missing file is an error, not a crash', () => {
    const r = runCli(['user', 'import', '--db', db, '--csv', join(dir, 'nope.csv')]);
    assert.notEqual(r.code, 0);
    assert.equal(r.signal, null);
    assert.match(r.stderr, /nope\.csv/);
  });
});

describe('wenyun user add', () => {
  let dir, db;
  before(() => {
    dir = tempDir();
    db = freshDb(dir);
    loadDemo(db);
  });
  after(() => cleanup(dir));

  it('adds an account with a role from a password file; it can log in with that role', async () => {
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'Added2026pass\n');
    const r = runCli(['user', 'add', '--db', db, '--phone', '13600000001', '--name', '西区审核员', '--password-file', pw, '--role', 'reviewer', '--division', '510403']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const bad = runCli(['user', 'add', '--db', db, '--phone', '123', '--name', 'x', '--password-file', pw]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /mobile number/);
    const dup = runCli(['user', 'add', '--db', db, '--phone', '13600000001', '--name', 'x', '--password-file', pw]);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /exists/);

    const srv = await startServer({ dir, db, demo: false });
    try {
      const c = await loginAs(srv.base, { phone: '13600000001', password: 'Added2026pass' });
      const me = (await c.get('/api/v1/me')).json;
      assert.deepEqual(me.roles.map((x) => [x.role, x.division]), [['reviewer', '510403']]);
    } finally {
      await srv.stop();
    }
  });
});

describe('wenyun demo', () => {
  let dir, db;
  before(() => {
    dir = tempDir();
    db = freshDb(dir);
  });
  after(() => cleanup(dir));

  it('is idempotent: a second run creates nothing and the counts stay the same', async () => {
    const first = loadDemo(db);
    assert.match(first.stderr, /created 13900000001/);
    const divisions = first.stdout.match(/(\d+) divisions in 5104/);
    assert.ok(divisions, first.stdout);
    for (const d of Object.values(DEMO)) assert.ok(first.stdout.includes(d.phone) && first.stdout.includes(d.password));

    const count = async () => {
      const srv = await startServer({ dir, db, demo: false });
      try {
        const c = await loginAs(srv.base, DEMO.cityAdmin);
        const accounts = (await c.get('/api/v1/accounts?division=5104&limit=200')).json.items;
        const notices = (await c.get('/api/v1/notices?limit=100')).json.items;
        const pending = (await (await loginAs(srv.base, DEMO.cityReviewer)).get('/api/v1/reviews?status=published')).json.items;
        return { accounts: accounts.length, notices: notices.length, reviewed: pending.length };
      } finally {
        await srv.stop();
      }
    };
    const before1 = await count();
    // the demo accounts, and those the modules' demos add (the courses' teachers, the markets'
    // stall-holders)
    assert.ok(before1.accounts >= Object.keys(DEMO).length + 10, JSON.stringify(before1));
    assert.ok(before1.notices >= 2);

    const second = loadDemo(db);
    assert.doesNotMatch(second.stderr, /created/);
    assert.equal(second.stdout.match(/(\d+) divisions in 5104/)[1], divisions[1]);
    assert.deepEqual(await count(), before1);
  });
});

describe('wenyun command line basics', () => {
  it('--help and version exit 0; an unknown command or option does not', () => {
    assert.equal(runCli(['--help']).code, 0);
    assert.match(runCli(['version']).stdout, /^wenyun \S+/);
    for (const cmd of ['serve', 'demo', 'migrate', 'routes']) {
      const r = runCli([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, /usage: wenyun/);
    }
    assert.notEqual(runCli(['frobnicate']).code, 0);
    assert.notEqual(runCli([]).code, 0);
    assert.equal(runCli(['serve', '--bogus']).code, 2);
  });

  it('routes lists every route with its permission, and the roles of each permission', () => {
    const text = runCli(['routes']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^GET\s+\/healthz\s+public\s+api$/m);
    assert.match(text.stdout, /^PATCH\s+\/api\/v1\/venues\/\{id\}\s+venue_manage\s+api$/m);
    assert.match(text.stdout, /^venue_manage\s+venue_manager, district_admin, city_admin$/m);
    const j = JSON.parse(runCli(['routes', '--json']).stdout);
    assert.equal(j.routes.length, text.stdout.split('\n\n')[0].split('\n').length);
    assert.deepEqual(j.routes.find((r) => r.pattern === '/api/v1/venues' && r.method === 'GET'),
                     { method: 'GET', pattern: '/api/v1/venues', permission: 'public', flags: ['api', 'read', 'cache'] });
    assert.deepEqual(j.permissions.review, ['reviewer']);
    assert.deepEqual(j.permissions.public, []);
    assert.ok(j.roles.includes('auditor'));
    assert.equal(runCli(['routes', '--yaml']).code, 2);
  });

  it('modules lists each module with its routes, jobs and settings, as configured', () => {
    const r = runCli(['modules']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^notices: \d+ routes, 1 navigation links, demo data$/m);
    assert.match(r.stdout, /^  review type activity_revision$/m);
    assert.match(r.stdout, /^  periodic job no-shows$/m);
    assert.match(r.stdout, /^  queued job kind circle_siting \(only where its data is loaded\)$/m);
    assert.match(r.stdout, /^  setting \[notices\] page_size = 20 \(whole number, 1 to 100, default 20\): /m);
    assert.match(r.stdout, /^  indicator venues\.count: Venues \(venues\)$/m);
    const dir = tempDir();
    try {
      const f = join(dir, 'm.ini');
      writeFileSync(f, '[notices]\npage_size = 7\n');
      assert.match(runCli(['modules', '--config', f]).stdout, /\[notices\] page_size = 7 /);
      writeFileSync(f, '[notices]\npage_size = 700\n');
      const bad = runCli(['modules', '--config', f]);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /m\.ini:2: notices\.page_size wants a whole number from 1 to 100/);
    } finally {
      cleanup(dir);
    }
    assert.equal(runCli(['modules', '--bogus']).code, 2);
  });

  it('serve refuses a bad config file with a message naming it', () => {
    const dir = tempDir();
    try {
      const f = join(dir, 'bad.ini');
      writeFileSync(f, '[server]\nmax_body_bytes = lots\n');
      const r = runCli(['serve', '--db', join(dir, 'w.db'), '--listen', '127.0.0.1:0', '--config', f], { timeout: 10000 });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /bad\.ini:2: server\.max_body_bytes/);
      writeFileSync(f, '[server]\nno_such_setting = 1\n');
      const r2 = runCli(['serve', '--db', join(dir, 'w.db'), '--listen', '127.0.0.1:0', '--config', f], { timeout: 10000 });
      assert.notEqual(r2.code, 0);
      assert.match(r2.stderr, /unknown setting server\.no_such_setting/);
    } finally {
      cleanup(dir);
    }
  });
});
