// Bookings under a flash crowd (issue 5): hundreds of distinct users press "book" at the same
// moment and the server never confirms more seats than the session has, never gives one person
// two live bookings, answers every request (no 5xx), serves the waitlist in position order after
// cancellations, and keeps the booking rules (one per person, Idempotency-Key, companions, the
// booking window, waitlist off = full), answers 503 busy at once when the queue is full. Then
// check-in: a code works once, only for its session, only by the organiser's staff. A second
// server covers the edges (the waiting list is not jumped, replays, SIGTERM while bookings wait)
// and keeps two known bugs as todo tests.
//
// The users are imported with cheap password hashing (the CLI reads the same --config) and
// logged in in parallel before the storm, so only the booking path is timed by the crowd.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import {
  startServer, cleanup, Client, DEMO, loginAs, runCli, tempDir, freshDb, loadDemo, assertError,
} from './lib.mjs';

const N_USERS = 300; // distinct citizens in the crowd
const CAPACITY = 50; // seats of the crowded session
const PASSWORD = 'Crowd2026pw';
const CHEAP = { auth: { password_memlimit_kib: 8, password_opslimit: 1 } };
const CONFIG = {
  ...CHEAP,
  booking: { max_people_per_day: 1000 },
  server: { per_ip_connections: 4000, max_connections: 8000, request_log: 'false' },
};

const PG = !!process.env.WY_TEST_PG_HOST;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A real burst: one connection per request, all opened first, then every request written in
 * the same tick, so they reach the server together (fetch staggers them as it connects).
 * reqs: [{method, path, token, headers, json}]; returns [{status, headers, text, json}] in order,
 * status 0 when the connection ended without an answer.
 */
async function burst(port, reqs) {
  const socks = await Promise.all(reqs.map(() => new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  })));
  const answers = socks.map((s) => new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (x) => {
      if (!done) {
        done = true;
        s.destroy();
        resolve(x);
      }
    };
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const he = buf.indexOf('\r\n\r\n');
      if (he < 0) return;
      const lines = buf.subarray(0, he).toString('latin1').split('\r\n');
      const hdr = new Map();
      for (const l of lines.slice(1)) {
        const c = l.indexOf(':');
        hdr.set(l.slice(0, c).trim().toLowerCase(), l.slice(c + 1).trim());
      }
      const len = parseInt(hdr.get('content-length') || '0', 10);
      if (buf.length < he + 4 + len) return;
      const text = buf.subarray(he + 4, he + 4 + len).toString('utf8');
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      finish({ status: parseInt(lines[0].split(' ')[1], 10), headers: { get: (n) => hdr.get(n.toLowerCase()) ?? null }, text, json });
    });
    s.on('error', (e) => finish({ status: 0, text: String(e.code || e), headers: { get: () => null } }));
    s.on('close', () => finish({ status: 0, text: 'closed', headers: { get: () => null } }));
  }));
  const raw = reqs.map(({ method = 'POST', path, token, headers = {}, json }) => {
    const body = json === undefined ? '' : JSON.stringify(json);
    let h = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    if (token) h += `Authorization: Bearer ${token}\r\n`;
    if (body) h += 'Content-Type: application/json\r\n';
    for (const [k, v] of Object.entries(headers)) h += `${k}: ${v}\r\n`;
    return h + '\r\n' + body;
  });
  const t0 = Date.now();
  for (let i = 0; i < socks.length; i++) socks[i].write(raw[i]);
  return Promise.all(answers.map((p) => p.then((x) => ({ ...x, ms: Date.now() - t0, at: Date.now() }))));
}

/**
 * Hold the database's write lock from another process (SQLite: BEGIN IMMEDIATE; PostgreSQL:
 * an EXCLUSIVE lock on activity_sessions, which blocks the seat UPDATE but not reads), so the
 * booking writer stalls and requests pile up in its queue. Returns release().
 */
async function holdWriteLock(db) {
  const p = PG
    ? spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn('sqlite3', ['-batch', db], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  p.stdin.write(PG
    ? "BEGIN; LOCK TABLE activity_sessions IN EXCLUSIVE MODE; SELECT 'locked';\n"
    : ".timeout 5000\nBEGIN IMMEDIATE; DELETE FROM login_throttle WHERE key = 'none'; SELECT 'locked';\n");
  for (let t = 0; !out.includes('locked'); t++) {
    assert.ok(t < 500, 'could not take the write lock');
    await sleep(10);
  }
  const exited = new Promise((r) => p.on('exit', r));
  return async () => {
    p.stdin.end(PG ? 'COMMIT;\n' : 'ROLLBACK;\n');
    await exited;
  };
}

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** RFC 3339 with an offset (the API wants one). */
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const phoneOf = (i) => `1770${String(i).padStart(7, '0')}`;

/** Run fn over items with at most `limit` at once; results in input order. */
async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

describe('bookings under a flash crowd', () => {
  let srv, vm, rv1, rv2, citizen, anon;
  let users = []; // {c: Client, id}

  /** Create an activity in 510402001 and publish it through the review chain (county, city). */
  async function publish({ capacity = 10, waitlist = false, maxCompanions = 0, sessions = 1, opensAt = null,
    startsIn = 2 * DAY, gap = 3 * HOUR } = {}) {
    const now = Date.now();
    const r = await vm.post('/api/v1/activities', {
      title: `公益音乐会 ${now % 100000}`,
      category: 'performance',
      division: '510402001',
      description: '大渡口街道文化站周末公益音乐会，免费预约入场。',
      waitlist,
      max_companions: maxCompanions,
      sessions: Array.from({ length: sessions }, (_, k) => ({
        starts_at: iso(now + startsIn + k * gap),
        ends_at: iso(now + startsIn + k * gap + 2 * HOUR),
        capacity,
        ...(opensAt ? { booking_opens_at: iso(opensAt) } : {}),
      })),
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal(r.json.status, 'draft');
    const s = await vm.post(`/api/v1/activities/${id}/submit`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'pending');
    const q = await rv1.get('/api/v1/reviews?status=pending');
    const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === id);
    assert.ok(item, `activity ${id} in the district reviewer's queue: ${q.text}`);
    let d = await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.status, 'pending');
    d = await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.status, 'published');
    const a = await anon.get(`/api/v1/activities/${id}`);
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.status, 'published');
    return { id, sessions: a.json.sessions.map((x) => x.id), session: a.json.sessions[0].id };
  }

  const book = (c, sid, body, headers) => c.request('POST', `/api/v1/sessions/${sid}/bookings`, {
    ...(body === undefined ? {} : { json: body }),
    headers,
  });
  /** A booking request for burst(). */
  const B = (c, sid, headers, json) => ({ path: `/api/v1/sessions/${sid}/bookings`, token: c.token, headers, json });
  const D = (c, id) => ({ method: 'DELETE', path: `/api/v1/bookings/${id}`, token: c.token });

  /** The organiser's listing, every page of it, with a few invariants checked on every read. */
  async function listing(sid) {
    let r = await vm.get(`/api/v1/sessions/${sid}/bookings?limit=120`);
    assert.equal(r.status, 200, r.text);
    const L = r.json;
    // the pages follow one another by booking id; the counts are the session's on each
    while (r.json.next_cursor) {
      assert.equal(r.json.items.length, 120);
      r = await vm.get(`/api/v1/sessions/${sid}/bookings?limit=120&cursor=${r.json.next_cursor}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length > 0 && r.json.items[0].id > L.items.at(-1).id, 'pages in id order');
      assert.equal(r.json.waitlisted, L.waitlisted);
      L.items.push(...r.json.items);
    }
    const live = L.items.filter((b) => ['confirmed', 'waitlisted', 'checked_in'].includes(b.status));
    const perUser = new Map();
    for (const b of live) perUser.set(b.user.id, (perUser.get(b.user.id) || 0) + 1);
    for (const [u, n] of perUser) assert.equal(n, 1, `user ${u} has ${n} live bookings of session ${sid}`);
    const seats = L.items.filter((b) => b.status === 'confirmed' || b.status === 'checked_in')
      .reduce((s, b) => s + b.seats, 0);
    assert.equal(L.confirmed_seats, seats, `confirmed_seats ${L.confirmed_seats} != the seats of the rows ${seats}`);
    assert.ok(L.confirmed_seats <= L.capacity, `oversold: ${L.confirmed_seats} > ${L.capacity}`);
    const pos = L.items.filter((b) => b.status === 'waitlisted').map((b) => b.position);
    assert.equal(new Set(pos).size, pos.length, `two waitlisted bookings share a position: ${pos}`);
    return L;
  }

  before(async () => {
    const dir = tempDir();
    const db = freshDb(dir);
    loadDemo(db);
    // N citizens in one CSV, imported by the CLI with cheap hashing
    let csv = 'phone,name,password\n';
    for (let i = 0; i < N_USERS; i++) csv += `${phoneOf(i)},预约用户${i},${PASSWORD}\n`;
    writeFileSync(join(dir, 'users.csv'), csv);
    writeFileSync(join(dir, 'cheap.ini'), '[auth]\npassword_memlimit_kib = 8\npassword_opslimit = 1\n');
    const imp = runCli(['user', 'import', '--db', db, '--csv', join(dir, 'users.csv'), '--config', join(dir, 'cheap.ini')]);
    assert.equal(imp.code, 0, `user import: ${imp.stdout}\n${imp.stderr}`);
    assert.match(imp.stdout, new RegExp(`${N_USERS} accepted, 0 rejected`));

    srv = await startServer({ config: CONFIG, dir, db, demo: false });
    anon = new Client(srv.base);
    [vm, rv1, rv2, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
    ]);
    users = await pool([...Array(N_USERS).keys()], 32, async (i) => {
      const c = new Client(srv.base);
      await c.login(phoneOf(i), PASSWORD);
      return { c, i };
    });
    const me = await pool(users, 32, (u) => u.c.get('/api/v1/me'));
    me.forEach((r, k) => (users[k].id = r.json.id));
    assert.equal(new Set(users.map((u) => u.id)).size, N_USERS);
  });

  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  let crowd; // {session, answers: [{u, r}]}

  it(`${N_USERS} users book ${CAPACITY} seats at once: exactly ${CAPACITY} confirmed, the rest waitlisted, no 5xx`, async () => {
    const { id, session } = await publish({ capacity: CAPACITY, waitlist: true });
    const t0 = Date.now();
    const rs = await burst(srv.port, users.map((u) => B(u.c, session)));
    const ms = Date.now() - t0;
    const answers = rs.map((r, k) => ({ u: users[k], r }));
    const byStatus = {};
    for (const { r } of answers) byStatus[r.status] = (byStatus[r.status] || 0) + 1;
    for (const { u, r } of answers) {
      assert.equal(r.status, 201, `user ${u.i}: ${r.status} ${r.text} (all: ${JSON.stringify(byStatus)})`);
      assert.ok(['confirmed', 'waitlisted'].includes(r.json.status), r.text);
      assert.equal(typeof r.json.id, 'number');
      assert.match(r.json.code, /^[A-Za-z0-9_-]{16,}$/);
    }
    const confirmed = answers.filter((a) => a.r.json.status === 'confirmed');
    const waiting = answers.filter((a) => a.r.json.status === 'waitlisted');
    assert.equal(confirmed.length, CAPACITY, `confirmed answers (in ${ms} ms)`);
    assert.equal(waiting.length, N_USERS - CAPACITY);
    // the waitlist positions are 1..N-C, each once
    assert.deepEqual(waiting.map((a) => a.r.json.position).sort((x, y) => x - y),
      Array.from({ length: N_USERS - CAPACITY }, (_, k) => k + 1));
    for (const a of confirmed) assert.equal(a.r.json.position, undefined);
    // every code is distinct and every id is distinct
    assert.equal(new Set(answers.map((a) => a.r.json.code)).size, N_USERS);
    assert.equal(new Set(answers.map((a) => a.r.json.id)).size, N_USERS);

    const L = await listing(session);
    assert.equal(L.capacity, CAPACITY);
    assert.equal(L.confirmed_seats, CAPACITY);
    assert.equal(L.confirmed, CAPACITY);
    assert.equal(L.waitlisted, N_USERS - CAPACITY);
    assert.equal(L.items.length, N_USERS);
    // the rows are the answers: same id, same status, same owner, same position
    const row = new Map(L.items.map((b) => [b.id, b]));
    for (const { u, r } of answers) {
      const b = row.get(r.json.id);
      assert.ok(b, `booking ${r.json.id} answered to user ${u.i} is not in the listing`);
      assert.equal(b.status, r.json.status);
      assert.equal(b.user.id, u.id);
      if (b.status === 'waitlisted') assert.equal(b.position, r.json.position);
    }
    // the public view agrees: no seat left
    const pub = await anon.get(`/api/v1/activities/${id}`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.sessions[0].seats_left, 0);
    crowd = { session, answers };
  });

  it('each user sees their one booking in GET /api/v1/me/bookings, with its code', async () => {
    const sample = crowd.answers.filter((_, k) => k % 15 === 0);
    for (const { u, r } of sample) {
      const m = await u.c.get('/api/v1/me/bookings');
      assert.equal(m.status, 200, m.text);
      const mine = m.json.items.filter((b) => b.session_id === crowd.session);
      assert.equal(mine.length, 1, m.text);
      assert.equal(mine[0].id, r.json.id);
      assert.equal(mine[0].code, r.json.code);
      assert.equal(mine[0].status, r.json.status);
    }
  });

  it('a second storm by the same crowd on the same session: all 409 duplicate, nothing changes', async () => {
    const rs = await burst(srv.port, users.slice(0, 120).map((u) => B(u.c, crowd.session)));
    for (const r of rs) assertError(r, 409, 'duplicate');
    const L = await listing(crowd.session);
    assert.equal(L.items.length, N_USERS);
    assert.equal(L.confirmed_seats, CAPACITY);
  });

  it('one user firing 5 concurrent requests gets exactly one booking, the rest 409 duplicate', async () => {
    const { session } = await publish({ capacity: 20, waitlist: true });
    for (const u of users.slice(0, 10)) {
      const rs = await burst(srv.port, Array.from({ length: 5 }, () => B(u.c, session)));
      const ok = rs.filter((r) => r.status === 201);
      assert.equal(ok.length, 1, rs.map((r) => `${r.status} ${r.text}`).join('\n'));
      assert.equal(ok[0].json.status, 'confirmed');
      for (const r of rs.filter((x) => x.status !== 201)) assertError(r, 409, 'duplicate');
    }
    // ten users at once, five requests each
    const rest = users.slice(10, 20);
    const rs = await burst(srv.port, rest.flatMap((u) => Array.from({ length: 5 }, () => B(u.c, session))));
    assert.equal(rs.filter((r) => r.status === 201).length, 10);
    assert.equal(rs.filter((r) => r.status === 409 && r.json?.error?.code === 'duplicate').length, 40);
    const L = await listing(session);
    assert.equal(L.items.length, 20);
    assert.equal(L.confirmed_seats, 20);
  });

  it('Idempotency-Key: the same key again returns the same booking (id and code), sequential or concurrent', async () => {
    const { session } = await publish({ capacity: 30, waitlist: false });
    const [a, b, c] = users.slice(30, 33);
    const key = 'c0ffee-1111-2222';
    const r1 = await book(a.c, session, undefined, { 'Idempotency-Key': key });
    assert.equal(r1.status, 201, r1.text);
    assert.equal(r1.json.status, 'confirmed');
    const r2 = await book(a.c, session, undefined, { 'Idempotency-Key': key });
    assert.ok(r2.status === 200 || r2.status === 201, `a replay is a success, not ${r2.status} ${r2.text}`);
    assert.equal(r2.json.id, r1.json.id);
    assert.equal(r2.json.code, r1.json.code);
    assert.equal(r2.json.status, 'confirmed');
    // a different key is a new request: 409 duplicate (one booking per person)
    assertError(await book(a.c, session, undefined, { 'Idempotency-Key': 'another-key' }), 409, 'duplicate');
    // the same key fired 4 times at once: one booking, the same id and code in every answer
    const rs = await burst(srv.port, Array.from({ length: 4 }, () => B(b.c, session, { 'Idempotency-Key': key })));
    for (const r of rs) assert.ok(r.status === 200 || r.status === 201, `${r.status} ${r.text}`);
    assert.equal(new Set(rs.map((r) => r.json.id)).size, 1, rs.map((r) => r.text).join('\n'));
    assert.equal(new Set(rs.map((r) => r.json.code)).size, 1);
    assert.notEqual(rs[0].json.id, r1.json.id, "the same key from another account is that account's own");
    // the key is kept with the booking: a retry much later answers the same
    const r3 = await book(c.c, session, { companions: [] }, { 'Idempotency-Key': 'k3' });
    assert.equal(r3.status, 201, r3.text);
    const again = await book(c.c, session, { companions: [] }, { 'Idempotency-Key': 'k3' });
    assert.equal(again.json.id, r3.json.id);
    const L = await listing(session);
    assert.equal(L.items.length, 3);
    assert.equal(L.confirmed_seats, 3);
  });

  it('companions take seats and are limited by max_companions (422 too_many_companions)', async () => {
    const { session } = await publish({ capacity: 5, waitlist: true, maxCompanions: 2 });
    const [a, b, c, d] = users.slice(40, 44);
    assertError(await book(a.c, session, { companions: [{ name: '张一' }, { name: '张二' }, { name: '张三' }] }), 422,
      'too_many_companions');
    assertError(await book(a.c, session, { companions: [{ name: '' }] }), 400, 'bad_companion');
    assertError(await book(a.c, session, { companions: 'x' }), 400, null);
    const ra = await book(a.c, session, { companions: [{ name: '张一' }, { name: '张二' }] });
    assert.equal(ra.status, 201, ra.text);
    assert.equal(ra.json.status, 'confirmed');
    let L = await listing(session);
    assert.equal(L.confirmed_seats, 3);
    assert.equal(L.items.find((x) => x.id === ra.json.id).seats, 3);
    // 3 more seats do not fit in the 2 left: waitlisted
    const rb = await book(b.c, session, { companions: [{ name: '李一' }, { name: '李二' }] });
    assert.equal(rb.status, 201, rb.text);
    assert.equal(rb.json.status, 'waitlisted');
    assert.equal(rb.json.position, 1);
    L = await listing(session);
    assert.equal(L.confirmed_seats, 3);
    // a's cancellation frees 3 seats: b (3 seats, first in line) is promoted at once
    const x = await a.c.delete(`/api/v1/bookings/${ra.json.id}`);
    assert.equal(x.status, 200, x.text);
    L = await listing(session);
    assert.equal(L.items.find((i) => i.id === rb.json.id).status, 'confirmed');
    assert.equal(L.confirmed_seats, 3);
    // c brings one companion: 2 seats, the last two; then d is waitlisted
    const rc = await book(c.c, session, { companions: [{ name: '王一' }] });
    assert.equal(rc.status, 201, rc.text);
    assert.equal(rc.json.status, 'confirmed');
    const rd = await book(d.c, session);
    assert.equal(rd.json.status, 'waitlisted');
    L = await listing(session);
    assert.equal(L.confirmed_seats, 5);
    assert.equal(L.confirmed, 5);
    assert.deepEqual(L.items.filter((i) => i.status === 'confirmed').map((i) => i.seats).sort(), [2, 3]);
  });

  it('booking before booking_opens_at: 409 not_open with Retry-After', async () => {
    const { session } = await publish({ capacity: 5, opensAt: Date.now() + 3 * HOUR });
    const r = await book(users[50].c, session);
    assertError(r, 409, 'not_open');
    const ra = parseInt(r.headers.get('retry-after'), 10);
    assert.ok(ra > 3 * 3600 - 120 && ra <= 3 * 3600 + 1, `Retry-After ${r.headers.get('retry-after')}`);
    assert.equal((await listing(session)).items.length, 0);
  });

  it('cancelling K confirmed bookings promotes exactly the first K waitlisted, in position order', async () => {
    const { session, answers } = crowd;
    const confirmed = answers.filter((a) => a.r.json.status === 'confirmed');
    const waiting = answers.filter((a) => a.r.json.status === 'waitlisted')
      .sort((x, y) => x.r.json.position - y.r.json.position);
    const K = 10;
    // K owners cancel at the same moment
    const cs = await burst(srv.port, confirmed.slice(0, K).map((a) => D(a.u.c, a.r.json.id)));
    for (const r of cs) assert.equal(r.status, 200, r.text);
    let L = await listing(session);
    const st = new Map(L.items.map((b) => [b.id, b]));
    for (const a of confirmed.slice(0, K)) assert.equal(st.get(a.r.json.id).status, 'cancelled');
    for (const [k, a] of waiting.entries()) {
      const b = st.get(a.r.json.id);
      if (k < K) assert.equal(b.status, 'confirmed', `position ${a.r.json.position} should be promoted`);
      else {
        assert.equal(b.status, 'waitlisted', `position ${a.r.json.position} should still wait`);
        assert.equal(b.position, a.r.json.position, 'a waiting booking keeps its position');
      }
    }
    assert.equal(L.confirmed_seats, CAPACITY);
    assert.equal(L.waitlisted, N_USERS - CAPACITY - K);

    // the next in line (position K+1) is skipped once it cancels itself; a waitlisted
    // cancellation promotes nobody
    const next = waiting[K], after = waiting[K + 1], third = waiting[K + 2];
    assert.equal((await next.u.c.delete(`/api/v1/bookings/${next.r.json.id}`)).status, 200);
    L = await listing(session);
    assert.equal(L.confirmed_seats, CAPACITY);
    assert.equal(L.items.find((b) => b.id === after.r.json.id).status, 'waitlisted');
    // one more confirmed cancels: position K+2 is promoted, K+3 still waits
    assert.equal((await confirmed[K].u.c.delete(`/api/v1/bookings/${confirmed[K].r.json.id}`)).status, 200);
    L = await listing(session);
    assert.equal(L.items.find((b) => b.id === after.r.json.id).status, 'confirmed');
    assert.equal(L.items.find((b) => b.id === third.r.json.id).status, 'waitlisted');
    assert.equal(L.confirmed_seats, CAPACITY);
    // a cancelled booking cannot be cancelled again; someone else's is not found
    assertError(await next.u.c.delete(`/api/v1/bookings/${next.r.json.id}`), 409, 'not_active');
    assertError(await third.u.c.delete(`/api/v1/bookings/${after.r.json.id}`), 404, 'not_found');
    assertError(await citizen.delete(`/api/v1/bookings/${third.r.json.id}`), 404, 'not_found');
    assertError(await anon.delete(`/api/v1/bookings/${third.r.json.id}`), 401, null);
    assert.equal(L.items.find((b) => b.id === third.r.json.id).status, 'waitlisted');
    // a user who cancelled may book again: back of the line
    const again = await book(next.u.c, session);
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.status, 'waitlisted');
    assert.equal(again.json.position, N_USERS - CAPACITY + 1);
  });

  it('cancellations racing with a booking storm: never past capacity, the waitlist still in order', async () => {
    const { session } = await publish({ capacity: 20, waitlist: true });
    const first = await burst(srv.port, users.slice(100, 160).map((u) => B(u.c, session)));
    for (const r of first) assert.equal(r.status, 201, r.text);
    const conf = first.map((r, k) => ({ r, u: users[100 + k] })).filter((a) => a.r.json.status === 'confirmed');
    assert.equal(conf.length, 20);
    // 8 cancellations and 60 new bookings at the same time
    const mixed = await burst(srv.port, [
      ...conf.slice(0, 8).map((a) => D(a.u.c, a.r.json.id)),
      ...users.slice(160, 220).map((u) => B(u.c, session)),
    ]);
    const cs = mixed.slice(0, 8), bs = mixed.slice(8);
    for (const r of cs) assert.equal(r.status, 200, r.text);
    for (const r of bs) assert.equal(r.status, 201, r.text);
    // no seat was ever free for a newcomer: each cancellation promoted the next in line at once
    for (const r of bs) assert.equal(r.json.status, 'waitlisted', r.text);
    assert.deepEqual(bs.map((r) => r.json.position).sort((x, y) => x - y), Array.from({ length: 60 }, (_, k) => 41 + k));
    const L = await listing(session);
    assert.equal(L.confirmed_seats, 20);
    // whoever is confirmed, the waiting ones are the highest positions: nobody promoted out of turn
    const waitPos = L.items.filter((b) => b.status === 'waitlisted').map((b) => b.position).sort((x, y) => x - y);
    const confPos = L.items.filter((b) => b.status === 'confirmed')
      .map((b) => first.concat(bs).find((r) => r.json.id === b.id)?.json.position).filter((p) => p);
    for (const p of confPos) assert.ok(p < waitPos[0], `position ${p} promoted ahead of ${waitPos[0]}`);
    assert.equal(L.waitlisted, 60 - 8 + 60 - 20);
    // exactly positions 1..8 were promoted
    const promoted = first.filter((r) => r.json.status === 'waitlisted' && L.items.find((b) => b.id === r.json.id).status === 'confirmed')
      .map((r) => r.json.position).sort((x, y) => x - y);
    assert.deepEqual(promoted, [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('with the waitlist off: 409 full once the seats are gone', async () => {
    const { session } = await publish({ capacity: 7, waitlist: false });
    const crowd2 = users.slice(60, 100);
    const rs = await burst(srv.port, crowd2.map((u) => B(u.c, session)));
    const ok = rs.filter((r) => r.status === 201);
    assert.equal(ok.length, 7, rs.map((r) => r.status).join(','));
    for (const r of ok) assert.equal(r.json.status, 'confirmed');
    for (const r of rs.filter((x) => x.status !== 201)) assertError(r, 409, 'full');
    let L = await listing(session);
    assert.equal(L.confirmed_seats, 7);
    assert.equal(L.items.length, 7);
    // a cancellation frees the seat for the next one to ask
    const k = rs.findIndex((r) => r.status === 201);
    assert.equal((await crowd2[k].c.delete(`/api/v1/bookings/${rs[k].json.id}`)).status, 200);
    const late = crowd2[rs.findIndex((r) => r.status === 409)];
    const r2 = await book(late.c, session);
    assert.equal(r2.status, 201, r2.text);
    assert.equal(r2.json.status, 'confirmed');
    assertError(await book(users[299].c, session), 409, 'full');
    L = await listing(session);
    assert.equal(L.confirmed_seats, 7);
  });

  it('check-in: once (200), again 409 already_checked_in, unknown 404, citizen 403, other session 409 wrong_session', async () => {
    // sessions at the door now: check-in opens an hour before the start
    const { sessions } = await publish({ capacity: 10, waitlist: true, sessions: 2, startsIn: 20 * 60000, gap: 60000 });
    const [s1, s2] = sessions;
    const [a, b] = users.slice(250, 252);
    const ra = await book(a.c, s1);
    const rb = await book(b.c, s2);
    assert.equal(ra.status, 201, ra.text);
    assert.equal(rb.status, 201, rb.text);
    const code = ra.json.code;
    assertError(await citizen.post('/api/v1/checkins', { code }), 403, 'forbidden');
    assertError(await a.c.post('/api/v1/checkins', { code }), 403, 'forbidden');
    assertError(await anon.post('/api/v1/checkins', { code }), 401, null);
    assertError(await vm.post('/api/v1/checkins', { code: 'no-such-code-0000000000' }), 404, 'unknown_code');
    assertError(await vm.post('/api/v1/checkins', { code, session_id: s2 }), 409, 'wrong_session');
    const ok = await vm.post('/api/v1/checkins', { code, session_id: s1 });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.status, 'checked_in');
    assert.equal(ok.json.id, ra.json.id);
    assertError(await vm.post('/api/v1/checkins', { code, session_id: s1 }), 409, 'already_checked_in');
    assertError(await vm.post('/api/v1/checkins', { code }), 409, 'already_checked_in');
    // two doors scan the same code at the same moment: exactly one gets in
    const both = await burst(srv.port, [1, 2].map(() => ({ path: '/api/v1/checkins', token: vm.token, json: { code: rb.json.code } })));
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], both.map((r) => r.text).join('\n'));
    // a checked-in booking cannot be cancelled; the organiser sees the attendance
    assertError(await a.c.delete(`/api/v1/bookings/${ra.json.id}`), 409, 'not_active');
    const L = await listing(s1);
    assert.equal(L.checked_in, 1);
    assert.equal(L.confirmed_seats, 1);
    assert.equal(L.items[0].status, 'checked_in');
    // a checked-in person still has their one booking: no second one
    assertError(await book(a.c, s1), 409, 'duplicate');
  });

  it('a full queue answers 503 busy with Retry-After at once; the rest are booked once the writer moves', async () => {
    // the same database, restarted with a queue of one
    await srv.stop();
    srv = await startServer({ config: { ...CONFIG, booking: { ...CONFIG.booking, queue_max: 1 } }, dir: srv.dir, db: srv.db, demo: false });
    for (const c of [vm, rv1, rv2, citizen, anon, ...users.map((u) => u.c)]) c.base = srv.base;
    const { session } = await publish({ capacity: 500, waitlist: false });
    const release = await holdWriteLock(srv.db); // the writer stalls on its next batch
    const HOLD = 1500;
    const pending = burst(srv.port, users.slice(0, 100).map((u) => B(u.c, session)));
    await sleep(HOLD);
    const releasedAt = Date.now();
    await release();
    const rs = await pending;
    const busy = rs.filter((r) => r.status === 503);
    const ok = rs.filter((r) => r.status === 201);
    assert.equal(busy.length + ok.length, rs.length, rs.filter((r) => r.status !== 503 && r.status !== 201).map((r) => `${r.status} ${r.text}`).join('\n'));
    assert.ok(busy.length >= 90, `with the writer stalled and a queue of 1, only ${busy.length} of 100 were turned away`);
    for (const r of busy) {
      assert.equal(r.json?.error?.code, 'busy', r.text);
      assert.ok(parseInt(r.headers.get('retry-after'), 10) >= 1, `Retry-After: ${r.headers.get('retry-after')}`);
      assert.ok(r.at < releasedAt, `a busy answer took ${r.ms} ms: it waited for the stalled writer`);
    }
    for (const r of ok) {
      assert.equal(r.json.status, 'confirmed');
      assert.ok(r.at >= releasedAt, 'booked while the write lock was held?');
    }
    const L = await listing(session);
    assert.equal(L.confirmed, ok.length, 'the 503s booked nothing');
    assert.deepEqual(L.items.map((b) => b.id).sort(), ok.map((r) => r.json.id).sort());
    // and the turned-away book fine when they come back
    // (a queue of one still turns many away: they are told to come back, nothing else)
    const bookedBefore = new Set(rs.map((r, k) => (r.status === 201 ? k : -1)));
    const again = await burst(srv.port, users.slice(0, 100).map((u) => B(u.c, session)));
    for (const [k, r] of again.entries()) {
      if (r.status === 409) {
        assert.equal(r.json.error.code, 'duplicate', r.text);
        assert.ok(bookedBefore.has(k), `user ${k} was not booked before: ${r.text}`);
      } else if (r.status === 201) assert.ok(!bookedBefore.has(k), `user ${k} booked twice`);
      else assert.equal(r.status, 503, r.text);
    }
    assert.equal((await listing(session)).confirmed, ok.length + again.filter((r) => r.status === 201).length);
  });

  it('only the organiser sees the session listing; unknown sessions are 404', async () => {
    assertError(await citizen.get(`/api/v1/sessions/${crowd.session}/bookings`), 403, 'forbidden');
    assertError(await users[0].c.get(`/api/v1/sessions/${crowd.session}/bookings`), 403, 'forbidden');
    assertError(await vm.get('/api/v1/sessions/999999/bookings'), 404, 'not_found');
    assertError(await users[0].c.post('/api/v1/sessions/999999/bookings', {}), 404, 'not_found');
    assertError(await anon.post(`/api/v1/sessions/${crowd.session}/bookings`, {}), 401, null);
  });
});

// The edges: the waiting list is not jumped, replays answer as before, SIGTERM while bookings
// wait. Then known bugs, kept as runnable reproductions: each states the right behaviour and is
// marked todo, so it reports "# TODO" without failing the suite until it is fixed (then drop the
// todo). Default booking settings here: booking.max_people_per_day = 5.
describe('edges, and known bugs (todo)', () => {
  let srv, vm, rv1, rv2, citizen, admin;
  async function publishN(n, { capacity = 100, waitlist = true, maxCompanions = 0 } = {}) {
    const now = Date.now();
    const a = await vm.post('/api/v1/activities', {
      title: `读书会 ${n}`, category: 'reading', division: '510402001', waitlist, max_companions: maxCompanions,
      sessions: Array.from({ length: n }, (_, k) => ({
        starts_at: iso(now + 2 * DAY + k * HOUR), ends_at: iso(now + 2 * DAY + k * HOUR + HOUR / 2), capacity,
      })),
    });
    assert.equal(a.status, 201, a.text);
    assert.equal((await vm.post(`/api/v1/activities/${a.json.id}/submit`)).status, 200);
    const item = (await rv1.get('/api/v1/reviews?status=pending')).json.items.find((x) => x.content_type === 'activity' && x.content_id === a.json.id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');
    return a.json.sessions.map((s) => s.id);
  }

  before(async () => {
    srv = await startServer({ config: { server: { per_ip_connections: 4000, request_log: 'false', shutdown_grace_s: 1 } } });
    [vm, rv1, rv2, citizen, admin] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager), loginAs(srv.base, DEMO.districtReviewer), loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen), loginAs(srv.base, DEMO.districtAdmin),
    ]);
  });
  after(async () => {
    if (!srv) return;
    srv.kill();
    await srv.exited;
    cleanup(srv.dir);
  });

  it('a newcomer does not take free seats while a party waits: the waiting list is served first', async () => {
    const [s] = await publishN(1, { capacity: 5, maxCompanions: 2 });
    const book = (c, n) => c.post(`/api/v1/sessions/${s}/bookings`, { companions: Array.from({ length: n }, (_, k) => ({ name: `同伴${k}` })) });
    const a = await book(admin, 2); // 3 seats of 5
    assert.equal(a.json.status, 'confirmed', a.text);
    const p = await book(rv1, 2); // 3 more do not fit: first in line
    assert.equal(p.json.status, 'waitlisted', p.text);
    assert.equal(p.json.position, 1);
    const n = await book(citizen, 0); // 1 seat would fit in the 2 free, but the party waits first
    assert.equal(n.status, 201, n.text);
    assert.equal(n.json.status, 'waitlisted', `a newcomer jumped the waiting list: ${n.text}`);
    assert.equal(n.json.position, 2);
    // the party's seats come free: both are promoted, in order
    assert.equal((await admin.delete(`/api/v1/bookings/${a.json.id}`)).status, 200);
    const L = (await vm.get(`/api/v1/sessions/${s}/bookings`)).json;
    assert.equal(L.items.find((x) => x.id === p.json.id).status, 'confirmed');
    assert.equal(L.items.find((x) => x.id === n.json.id).status, 'confirmed');
    assert.equal(L.confirmed_seats, 4);
  });

  it('a replay by Idempotency-Key answers the booking as it is now: 200, same id and code, "cancelled"', async () => {
    const [s] = await publishN(1);
    const h = { 'Idempotency-Key': 'cancel-me' };
    const r1 = await admin.post(`/api/v1/sessions/${s}/bookings`, {}, { headers: h });
    assert.equal(r1.status, 201, r1.text);
    assert.equal((await admin.delete(`/api/v1/bookings/${r1.json.id}`)).status, 200);
    const r2 = await admin.post(`/api/v1/sessions/${s}/bookings`, {}, { headers: h });
    assert.equal(r2.status, 200, r2.text);
    assert.equal(r2.json.id, r1.json.id);
    assert.equal(r2.json.code, r1.json.code);
    assert.equal(r2.json.status, 'cancelled', `after the cancellation the replay says ${r2.text}`);
  });

  it('the daily limit (5 people a day) holds when one account books 20 sessions at once', async () => {
      const sids = await publishN(20);
      const rs = await burst(srv.port, sids.map((s) => ({ path: `/api/v1/sessions/${s}/bookings`, token: citizen.token })));
      const ok = rs.filter((r) => r.status === 201).length;
      for (const r of rs.filter((x) => x.status !== 201)) assertError(r, 422, 'daily_limit');
      assert.ok(ok <= 5, `${ok} bookings confirmed for one account in one day; the limit is 5`);
    });

  it('an Idempotency-Key reused for another session does not answer with the first session\'s booking', async () => {
      const [s1, s2] = await publishN(2);
      const h = { 'Idempotency-Key': 'reused-key' };
      const r1 = await admin.post(`/api/v1/sessions/${s1}/bookings`, {}, { headers: h });
      assert.equal(r1.status, 201, r1.text);
      const r2 = await admin.post(`/api/v1/sessions/${s2}/bookings`, {}, { headers: h });
      // either a new booking of s2, or a 4xx saying the key was used for another request
      assert.ok(r2.status >= 400 || r2.json.id !== r1.json.id,
        `booking s${s2} answered ${r2.status} ${r2.text}: the booking of s${s1}; the account has no booking of s${s2}`);
    });

  // keep last: it stops the server
  it('SIGTERM while bookings wait in the queue longer than shutdown_grace_s: a clean exit, every waiting request answered', async () => {
      const [s] = await publishN(1);
      const release = await holdWriteLock(srv.db);
      let rs, e;
      try {
        const pending = burst(srv.port, [vm, rv1, rv2].map((c) => ({ path: `/api/v1/sessions/${s}/bookings`, token: c.token })));
        await sleep(300);
        srv.proc.kill('SIGTERM'); // grace 1 s; the writer is stalled for 2.5 s
        await sleep(2200);
        await release();
        e = await Promise.race([srv.exited, sleep(15000).then(() => ({ code: 'hung' }))]);
        rs = await pending;
      } finally {
        await release().catch(() => {});
      }
      assert.deepEqual(e, { code: 0, signal: null }, `the server ended with ${JSON.stringify(e)}:\n${srv.logs().split('\n').slice(-4).join('\n')}`);
      for (const r of rs) assert.ok(r.status === 201 || r.status === 503, `a waiting request got ${r.status} ${r.text}`);
    });
});
