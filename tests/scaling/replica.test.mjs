// Read replica: a streaming replica of the test PostgreSQL cluster, made here with
// pg_basebackup (tests/pg/pgctl.sh replica), and wenyun with db.url = the primary and
// db.replica_url = the standby. Routes that only read (ROUTE_READ) are served from the replica
// (wenyun_db_statements_total{pool="replica"} grows), writes go to the primary, what is written
// is read back from the replica once replayed, and with the standby stopped writes still work.
// PostgreSQL only (CTest registers it with the pg fixture, whose cluster is the primary).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  SOURCE_DIR,
  startServer,
  freshDb,
  loadDemo,
  tempDir,
  cleanup,
  Client,
  loginAs,
  DEMO,
} from '../http/lib.mjs';

const PRIMARY = process.env.WY_TEST_PG_HOST;
const PGCTL = join(SOURCE_DIR, 'tests/pg/pgctl.sh');
/** GET on a new connection of its own (agent: false); resolves { status, text }. */
function getFresh(url, timeoutMs) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** psql -At on a socket dir and database; returns stdout trimmed (asserts success). */
function psql(host, dbname, sql) {
  const r = spawnSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-h', host, '-U', 'postgres', '-d', dbname, '-c', sql], {
    encoding: 'utf8',
    timeout: 30000,
  });
  assert.equal(r.status, 0, `psql -h ${host} -d ${dbname} -c "${sql}": ${r.stderr}`);
  return r.stdout.trim();
}

/** Same, but returns {status, stdout, stderr} without asserting. */
function psqlTry(host, dbname, sql) {
  const r = spawnSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-h', host, '-U', 'postgres', '-d', dbname, '-c', sql], {
    encoding: 'utf8',
    timeout: 30000,
  });
  return { status: r.status, stdout: (r.stdout || '').trim(), stderr: r.stderr || '' };
}

function pgctl(...args) {
  const r = spawnSync(PGCTL, args, { encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `pgctl.sh ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Wait until the standby has replayed the primary's WAL up to now. */
async function waitReplay(standby, timeoutMs = 30000) {
  const lsn = psql(PRIMARY, 'postgres', 'SELECT pg_current_wal_lsn()');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = psqlTry(standby, 'postgres', `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`);
    if (r.status === 0 && r.stdout === 't') return;
    if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} in time: ${r.stdout} ${r.stderr}`);
    await sleep(50);
  }
}

/** wenyun_db_statements_total by pool, from GET /metrics. */
async function statements(base) {
  const r = await fetch(`${base}/metrics`);
  const text = await r.text();
  assert.equal(r.status, 200, text);
  const get = (pool) => {
    const m = text.match(new RegExp(`^wenyun_db_statements_total\\{pool="${pool}"\\} (\\d+)$`, 'm'));
    assert.ok(m, `no wenyun_db_statements_total{pool="${pool}"} in /metrics:\n${text}`);
    return Number(m[1]);
  };
  return { primary: get('primary'), replica: get('replica') };
}

describe('a streaming read replica', { skip: !PRIMARY && 'needs PostgreSQL (WY_TEST_PG_HOST)' }, () => {
  let dir, standby, db, dbname, replicaUrl, srv;

  before(async () => {
    dir = tempDir('wenyun-replica-');
    chmodSync(dir, 0o755); // the standby runs as postgres when we are root
    standby = join(dir, 'standby');
    // the standby first, then the database: the demo data reaches it by streaming
    pgctl('replica', PRIMARY, standby);
    assert.equal(psql(standby, 'postgres', 'SELECT pg_is_in_recovery()'), 't', 'the standby is in recovery');
    db = freshDb(dir);
    dbname = db.match(/^postgresql:\/\/\/([^?]+)/)[1];
    loadDemo(db);
    await waitReplay(standby);
    // the demo's 攀枝花市 (5104) and everything under it, on both
    const want = psql(PRIMARY, dbname, "SELECT count(*) FROM divisions WHERE code LIKE '5104%'");
    assert.ok(Number(want) >= 391, `the demo's divisions on the primary: ${want}`);
    assert.equal(psql(standby, dbname, "SELECT count(*) FROM divisions WHERE code LIKE '5104%'"), want);
    replicaUrl = `postgresql:///${dbname}?host=${encodeURIComponent(standby)}&user=postgres`;
    srv = await startServer({
      db,
      demo: false,
      dir,
      // stopping the standby can take longer than the default idle timeout (30 s); the
      // client's pooled sockets must not be closed under it meanwhile
      config: { db: { url: db, replica_url: replicaUrl, replica_pool: 4 }, server: { idle_timeout_s: 600 } },
    });
  });

  after(async () => {
    let err = null;
    try {
      if (srv) await srv.stop();
    } catch (e) {
      err = e;
    }
    if (standby && existsSync(standby)) spawnSync(PGCTL, ['stop', standby], { encoding: 'utf8', timeout: 60000 });
    cleanup(dir);
    if (err) throw err;
  });

  it('the replica is read-only: a write on it fails', () => {
    const r = psqlTry(standby, dbname, 'CREATE TABLE replica_probe (x int)');
    assert.notEqual(r.status, 0, 'a write on the standby succeeded');
    assert.match(r.stderr, /read-only transaction/);
  });

  it('listing routes are served from the replica, not the primary', async (t) => {
    const anon = new Client(srv.base);
    const paths = ['/api/v1/divisions/5104', '/api/v1/notices', '/', '/api/v1/divisions/510402'];
    const rounds = 3;
    const s0 = await statements(srv.base);
    for (let i = 0; i < rounds; i++)
      for (const p of paths) {
        const r = await anon.get(p, { cookies: false });
        assert.equal(r.status, 200, `GET ${p}: ${r.status} ${r.text.slice(0, 300)}`);
      }
    const s1 = await statements(srv.base);
    const replica = s1.replica - s0.replica;
    const primary = s1.primary - s0.primary;
    const n = rounds * paths.length;
    t.diagnostic(`${n} anonymous reads: replica +${replica} statements, primary +${primary}`);
    assert.ok(replica >= n, `the replica ran the reads: +${replica} statements for ${n} requests (primary +${primary})`);
    assert.ok(primary < replica, `the primary ran fewer: primary +${primary}, replica +${replica}`);
    // wenyun's connections are there on the standby
    const conns = Number(psql(standby, 'postgres', `SELECT count(*) FROM pg_stat_activity WHERE datname = '${dbname}'`));
    assert.ok(conns >= 1, `wenyun's replica connections on the standby: ${conns}`);
    // the answers are the demo's
    const city = await anon.get('/api/v1/divisions/5104');
    assert.equal(city.json.name, '攀枝花市');
    assert.equal(city.json.children.length, 5);
  });

  it('writes go to the primary; what is written is read back from the replica once replayed', async () => {
    const vm = await loginAs(srv.base, DEMO.venueManager);
    const title = `副本测试通知 ${process.pid}`;
    const p0 = await statements(srv.base);
    const made = await vm.post('/api/v1/notices', {
      division: '510402001',
      title,
      body: '写入主库，经流复制到只读副本后读出。',
    });
    assert.equal(made.status, 201, made.text);
    const nid = made.json.id;
    const sub = await vm.post(`/api/v1/notices/${nid}/submit`);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.json.status, 'pending');
    const p1 = await statements(srv.base);
    assert.ok(p1.primary > p0.primary, `the writes ran on the primary (+${p1.primary - p0.primary})`);
    assert.equal(p1.replica, p0.replica, 'the writes ran nothing on the replica');
    // on the primary at once
    assert.equal(psql(PRIMARY, dbname, `SELECT status FROM notices WHERE id = ${nid}`), 'pending');

    // through a route served from the replica: the author sees the pending notice once replayed
    const deadline = Date.now() + 30000;
    let got;
    for (;;) {
      got = await vm.get(`/api/v1/notices/${nid}`);
      if (got.status === 200 && got.json.status === 'pending') break;
      assert.ok(got.status === 200 || got.status === 404, `GET /api/v1/notices/${nid}: ${got.status} ${got.text}`);
      if (Date.now() > deadline) assert.fail(`the notice never showed on the replica: ${got.status} ${got.text}`);
      await sleep(50);
    }
    assert.equal(got.json.title, title);
    const p2 = await statements(srv.base);
    assert.ok(p2.replica > p1.replica, 'the read ran on the replica');
    assert.equal(psql(standby, dbname, `SELECT status FROM notices WHERE id = ${nid}`), 'pending');
  });

  it('with the standby stopped, logins and writes still work (they never need the replica)', async (t) => {
    const t0 = Date.now();
    const stop = spawnSync(PGCTL, ['stop', standby], { encoding: 'utf8', timeout: 60000 });
    assert.equal(stop.status, 0, stop.stderr);
    t.diagnostic(`pg_ctl stop of the standby took ${Date.now() - t0} ms`);
    assert.ok(psqlTry(standby, 'postgres', 'SELECT 1').status !== 0, 'the standby is down');

    // a connection of its own (no pooled socket), so what the test sees is the server
    const t1 = Date.now();
    let health;
    try {
      health = await getFresh(`${srv.base}/healthz`, 20000);
    } catch (e) {
      assert.fail(`/healthz ${Date.now() - t1} ms after the standby stopped: ${e.code ?? ''} ${e.message}`);
    }
    assert.equal(health.status, 200, '/healthz');
    const vm = await loginAs(srv.base, DEMO.venueManager);
    const me = await vm.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    const made = await vm.post('/api/v1/notices', {
      division: '510402001',
      title: `副本停机时的通知 ${process.pid}`,
      body: '只读副本停了，写入照常进行。',
    });
    assert.equal(made.status, 201, made.text);
    const nid = made.json.id;
    const upd = await vm.patch(`/api/v1/notices/${nid}`, { title: '副本停机时改过的通知' });
    assert.equal(upd.status, 200, upd.text);
    assert.equal(upd.json.title, '副本停机时改过的通知');
    const sub = await vm.post(`/api/v1/notices/${nid}/submit`);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.json.status, 'pending');
    assert.equal(psql(PRIMARY, dbname, `SELECT status FROM notices WHERE id = ${nid}`), 'pending');
    // a read routed to the replica has no database now: it may fail, but it must answer
    const read = await fetch(`${srv.base}/api/v1/notices`, { signal: AbortSignal.timeout(20000) });
    const body = await read.text();
    t.diagnostic(`GET /api/v1/notices with the standby down: ${read.status} ${body.slice(0, 200)}`);
    const out = await vm.post('/api/v1/auth/logout', undefined, { cookies: false });
    assert.equal(out.status, 200, out.text);
  });
});
