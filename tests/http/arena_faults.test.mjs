// Memory discipline (src/util/arena.h): a request whose memory runs out is answered 503
// request_too_large (a page outside /api), writes nothing it had not written completely, and
// the server goes on. In the manner of SQLite's OOM tests, the server runs with
// WENYUN_ARENA_FAULTS=1, so that X-Arena-Fail-After: N makes the N-th allocation of the
// request's arena fail; each request below is sent with N = 1, 2, 3, ... until it goes
// through without reaching the fault, and after every answer the server must still answer
// /healthz, the answer must be that 503 or the request's normal answer, and the database must
// hold each record wholly or not at all. Then a real budget: [server] request_memory_kib small
// enough that a big page and a big import outgrow it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, DEMO, SOURCE_DIR, loginAs, startServer } from './lib.mjs';

const PG = !!process.env.WY_TEST_PG_HOST;
const MONACO = join(SOURCE_DIR, 'data/osm/monaco.osm.pbf');
const SPENT_ZH = '此请求所需的内存超出了单个请求的上限。';

/** Run SQL on the test database with the backend's own client; the rows, split at '|'. */
function sql(db, query) {
  const r = PG
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${PG ? 'psql' : 'sqlite3'} failed on ${query}:\n${r.stderr}`);
  const out = r.stdout.trim();
  return out ? out.split('\n').map((l) => l.split('|')) : [];
}

/** Is r the answer to a request whose memory ran out? Asserts that such an answer is clean. */
function spent(r, api, what) {
  if (r.status !== 503) return false;
  if (api) {
    assert.equal(r.json?.error?.code, 'request_too_large', `${what}: ${r.text}`);
    assert.equal(typeof r.json.error.message, 'string');
  } else {
    assert.match(r.headers.get('content-type'), /^text\/html/, what);
    assert.ok(r.text.includes(SPENT_ZH), `${what}: the 503 page does not say why: ${r.text.slice(0, 300)}`);
    assert.ok(r.text.trimEnd().endsWith('</html>'), `${what}: a page cut short`);
  }
  assert.equal(r.headers.get('set-cookie'), null, `${what}: a 503 for lack of memory sets no cookie`);
  return true;
}

const at = (n) => ({ 'X-Arena-Fail-After': String(n) });

describe('a request that runs out of memory', () => {
  let srv, anon, citizen, citizenWeb, vm, vmWeb, adminWeb, citizenId, venueId, activityId, sessions;
  const logTail = () => srv.logs().split('\n').slice(-30).join('\n');

  /**
   * send(n, headers) with the fault at n = 1, 2, ... until an answer did not reach it; after
   * each answer the server answers /healthz and check(n, r, spent) holds. Returns the last
   * answer and how many allocations the request made.
   */
  async function faultLoop(what, send, { api, check, max = 4000 } = {}) {
    for (let n = 1; n <= max; n++) {
      let r;
      try {
        r = await send(n, at(n));
      } catch (e) {
        assert.fail(`${what}: no answer with the fault at allocation ${n} (${e.cause?.code || e.message}):\n${logTail()}`);
      }
      const h = await fetch(`${srv.base}/healthz`).catch((e) => ({ status: e.cause?.code || e.message }));
      assert.equal(h.status, 200, `${what}: /healthz after the fault at allocation ${n}:\n${logTail()}`);
      const s = spent(r, api, `${what} (fault at allocation ${n})`);
      if (check) await check(n, r, s);
      if (!s) return { r, n };
    }
    assert.fail(`${what}: still failing after ${max} allocations`);
  }

  /** A read: every fault gives the 503, and the end the same answer as without a fault. */
  async function read(what, c, path, api) {
    const want = await c.get(path);
    assert.ok(want.status === 200, `${what}: ${want.status} without a fault: ${want.text.slice(0, 300)}`);
    const { r, n } = await faultLoop(what, (_, headers) => c.get(path, { headers }), { api });
    assert.equal(r.status, want.status, `${what}: after ${n} allocations: ${r.text.slice(0, 300)}`);
    assert.ok(n > 1, `${what}: no allocation was ever made (is the fault injection on?)`);
    return n;
  }

  before(async () => {
    srv = await startServer({
      // cheap password hashes for the member import (the demo's own keep their cost)
      config: { booking: { max_people_per_day: 1000 }, auth: { password_memlimit_kib: 8, password_opslimit: 1 } },
      env: { WENYUN_ARENA_FAULTS: '1' },
    });
    anon = new Client(srv.base);
    citizen = await loginAs(srv.base, DEMO.citizen);
    citizenWeb = await loginAs(srv.base, DEMO.citizen, { useCookie: true });
    await citizenWeb.csrfToken();
    vm = await loginAs(srv.base, DEMO.venueManager);
    vmWeb = await loginAs(srv.base, DEMO.venueManager, { useCookie: true });
    await vmWeb.csrfToken();
    adminWeb = await loginAs(srv.base, DEMO.cityAdmin, { useCookie: true });
    await adminWeb.csrfToken();
    citizenId = (await citizen.get('/api/v1/me')).json.id;
    venueId = (await anon.get('/api/v1/venues')).json.items[0].id;
    const acts = (await anon.get('/api/v1/activities?limit=100')).json.items;
    activityId = acts.find((a) => a.title === '周末公益京剧专场').id; // two companions a booking
    sessions = (await anon.get(`/api/v1/activities/${activityId}`)).json.sessions.map((s) => s.id);
    assert.ok(sessions.length >= 2);
  });
  after(async () => {
    await srv?.stop();
  });

  it('the server asks for the fault only when told to in its environment', async () => {
    assert.match(srv.logs(), /WENYUN_ARENA_FAULTS=1/);
    const plain = await startServer({ db: srv.db, demo: false });
    try {
      const r = await new Client(plain.base).get('/api/v1/venues', { headers: at(1) });
      assert.equal(r.status, 200, r.text);
    } finally {
      await plain.stop();
    }
  });

  it('pages answer 503 or themselves, whichever allocation fails', async () => {
    await read('GET /', anon, '/');
    await read('GET /venues', anon, '/venues');
    await read('GET /venues/{id}', anon, `/venues/${venueId}`);
    await read('GET /activities', anon, '/activities');
    await read('GET /activities/{id} (logged in)', citizenWeb, `/activities/${activityId}`);
    await read('GET /spaces', anon, '/spaces');
    await read('GET /admin', adminWeb, '/admin');
    await read('GET /admin/accounts', adminWeb, '/admin/accounts');
    await read('GET /admin/reviews', adminWeb, '/admin/reviews');
    await read('GET /admin/divisions/5104', adminWeb, '/admin/divisions/5104');
    await read('GET /organiser', vmWeb, '/organiser');
    await read('GET /account', citizenWeb, '/account');
    await read('GET /venues/{id}/edit', adminWeb, `/venues/${venueId}/edit`);
    await read('GET /admin/space-bookings', adminWeb, '/admin/space-bookings');
  });

  it('the circle map (on the walking network of Monaco) answers 503 or itself', { skip: !existsSync(MONACO) }, async () => {
    // a server of its own: the network takes a while to load (long under AddressSanitizer)
    const main = srv;
    srv = await startServer({
      db: main.db, demo: false, startMs: 180000,
      config: { circle: { osm_file: MONACO } }, env: { WENYUN_ARENA_FAULTS: '1' },
    });
    try {
      // just started, the server computes its default report: until then a request that
      // would wait for the analysis is answered 503 busy (Retry-After), never kept waiting
      const c = new Client(srv.base);
      for (const t0 = Date.now(); (await c.get('/circles?k=0')).status === 503;) {
        assert.ok(Date.now() - t0 < 120000, 'the circle map is ready');
        await new Promise((res) => setTimeout(res, 200));
      }
      await read('GET /circles', c, '/circles?k=0');
    } finally {
      await srv.stop();
      srv = main;
    }
  });

  it('the API answers 503 request_too_large or itself', async () => {
    await read('GET /api/v1/me', citizen, '/api/v1/me', true);
    await read('GET /api/v1/venues', anon, '/api/v1/venues', true);
    await read('GET /api/v1/activities', anon, '/api/v1/activities?q=京剧', true);
    await read('GET /api/v1/activities/{id}', anon, `/api/v1/activities/${activityId}`, true);
    await read('GET /api/v1/venues.csv', anon, '/api/v1/venues.csv', true);
    await read('GET /api/v1/reviews', adminWeb, '/api/v1/reviews', true);
    await read('GET /api/v1/audit', adminWeb, '/api/v1/audit', true);
    await read('GET /api/v1/accounts', adminWeb, '/api/v1/accounts', true);
    const { r } = await faultLoop('POST /api/v1/auth/login',
      (_, headers) => anon.request('POST', '/api/v1/auth/login', { json: DEMO.citizen, headers, cookies: false }),
      { api: true });
    assert.equal(r.status, 200, r.text);
  });

  /** Every booking the citizen ever made of session sid (cancelled ones too) is whole. */
  function bookingsWhole(sid, names) {
    const rows = sql(srv.db, `SELECT seats, companions, code FROM bookings WHERE session_id = ${sid} AND user_id = ${citizenId}`);
    for (const [seats, companions, code] of rows) {
      assert.equal(Number(seats), 1 + names.length, `a booking without its companions: ${companions}`);
      assert.deepEqual(JSON.parse(companions).map((c) => (typeof c === 'string' ? c : c.name)), names);
      assert.ok(code && code.length >= 16, 'a booking without its code');
    }
    return rows.length;
  }

  /** The citizen's live booking of session sid, through the API: {id, seats} or undefined. */
  async function liveBooking(sid) {
    const r = await citizen.get('/api/v1/me/bookings?limit=100');
    assert.equal(r.status, 200, r.text);
    const live = r.json.items.filter((b) => b.session_id === sid && b.status !== 'cancelled');
    assert.ok(live.length <= 1, JSON.stringify(live));
    return live[0];
  }

  it('booking a session with companions: a whole booking or none (API and form)', async () => {
    const names = ['张一', '张二'];
    for (const [what, api, sid, send, ok] of [
      ['POST /api/v1/sessions/{id}/bookings', true, sessions[0],
        (headers) => citizen.post(`/api/v1/sessions/${sessions[0]}/bookings`, { companions: names.map((name) => ({ name })) }, { headers }),
        (r) => r.status === 201],
      ['POST /sessions/{id}/book', false, sessions[1],
        (headers) => citizenWeb.request('POST', `/sessions/${sessions[1]}/book`, {
          body: new URLSearchParams({ companion1: names[0], companion2: names[1] }),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          csrf: true,
        }),
        (r) => r.status === 303 && /msg=booked/.test(r.headers.get('location'))],
    ]) {
      assert.equal(await liveBooking(sid), undefined);
      const { r, n } = await faultLoop(what, (_, headers) => send(headers), {
        api,
        check: async (k, res, failed) => {
          const b = await liveBooking(sid);
          if (b) assert.equal(b.seats, 1 + names.length, `${what}: a booking without its companions`);
          if (failed && b) { // written whole before the answer ran out: cancelled for the next try
            const c = await citizen.delete(`/api/v1/bookings/${b.id}`);
            assert.equal(c.status, 200, c.text);
          }
        },
      });
      assert.ok(ok(r), `${what} after ${n} allocations: ${r.status} ${r.text.slice(0, 300)}`);
      assert.ok(await liveBooking(sid), `${what}: booked, but no booking`);
      assert.ok(bookingsWhole(sid, names) >= 1);
    }
    await read('GET /me/bookings', citizenWeb, '/me/bookings');
    await read('GET /api/v1/me/bookings', citizen, '/api/v1/me/bookings', true);
    await read('GET /me/inbox', citizenWeb, '/me/inbox');
    await read('GET /organiser/sessions/{id}', adminWeb, `/organiser/sessions/${sessions[0]}`);
    await read('GET /api/v1/sessions/{id}/bookings', adminWeb, `/api/v1/sessions/${sessions[0]}/bookings`, true);
    await read('GET /api/v1/sessions/{id}/attendance.csv', adminWeb, `/api/v1/sessions/${sessions[0]}/attendance.csv`, true);
    await read('GET /calendar/5104.ics', anon, '/calendar/5104.ics');
  });

  /* The writes below make a record with a name of its own at each try; what the tries left is
   * checked at the end, in one query, so that the database client is not started per try. */

  it('creating a notice: the notice whole or not at all (API and form)', async () => {
    const { r: api, n: na } = await faultLoop('POST /api/v1/notices', (n, headers) =>
      vm.post('/api/v1/notices', { division: '510402001', title: `内存通知 ${n}`, body: `通知正文 ${n}` }, { headers }),
    { api: true });
    assert.equal(api.status, 201, api.text);
    const { r: page, n: np } = await faultLoop('POST /admin/notices', (k, headers) =>
      vmWeb.request('POST', '/admin/notices', {
        body: new URLSearchParams({ division: '510402001', title: `页面通知 ${k}`, body: `页面正文 ${k}` }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        csrf: true,
      }));
    assert.equal(page.status, 303, page.text);
    const rows = sql(srv.db, "SELECT n.title, n.body, n.division, n.status, count(r.id) FROM notices n" +
      " LEFT JOIN review_items r ON r.content_type = 'notice' AND r.content_id = n.id AND r.status = 'pending'" +
      " WHERE n.title LIKE '内存通知 %' OR n.title LIKE '页面通知 %' GROUP BY n.id, n.title, n.body, n.division, n.status");
    const seen = new Set();
    for (const [title, body, division, status, items] of rows) {
      const [kind, k] = title.split(' ');
      assert.ok(!seen.has(title), `${title} twice`);
      seen.add(title);
      assert.equal(body, `${kind === '内存通知' ? '通知正文' : '页面正文'} ${k}`);
      assert.equal(division, '510402001');
      assert.equal(Number(items), status === 'pending' ? 1 : 0, `${title} is ${status} with ${items} review items`);
    }
    assert.ok(seen.has(`内存通知 ${na}`) && seen.has(`页面通知 ${np}`));
  });

  it('a venue created or changed: all its fields or none (an optional field is never dropped)', async () => {
    const fields = (k) => ({
      name: `内存书屋 ${k}`, address: `攀枝花市东区炳草岗大街 ${k} 号`, contact: `0812-333${String(k).padStart(4, '0')}`,
      awards: `最美书屋 ${k}`, grade: '2', photos: [`/static/p${k}.jpg`],
    });
    const { r, n } = await faultLoop('POST /api/v1/venues', (k, headers) => vm.post('/api/v1/venues', {
      external_id: `oom-v${k}`, category: 'library', division: '510402001', lon: 101.72, lat: 26.58, ...fields(k),
    }, { headers }), { api: true });
    assert.equal(r.status, 201, `after ${n} allocations: ${r.text}`);
    const rows = sql(srv.db, "SELECT external_id, name, address, contact, awards, grade, photos FROM venues WHERE external_id LIKE 'oom-v%'");
    assert.ok(rows.some((x) => x[0] === `oom-v${n}`));
    for (const [xid, ...got] of rows) {
      const f = fields(Number(xid.slice(5)));
      assert.deepEqual(got, [f.name, f.address, f.contact, f.awards, f.grade, JSON.stringify(f.photos)], `${xid} in part`);
    }
    // a change: after each try the venue is as before it or as asked, never a mix
    const id = r.json.id;
    const view = async () => {
      const v = (await vm.get(`/api/v1/venues/${id}`)).json;
      return JSON.stringify([v.name, v.address, v.contact, v.awards, v.grade, v.photos]);
    };
    let last = await view();
    const { r: p } = await faultLoop('PATCH /api/v1/venues/{id}', (k, headers) =>
      vm.patch(`/api/v1/venues/${id}`, fields(1000 + k), { headers }), {
      api: true,
      check: async (k) => {
        const now = await view();
        const f = fields(1000 + k);
        assert.ok(now === last || now === JSON.stringify([f.name, f.address, f.contact, f.awards, f.grade, f.photos]),
          `a venue changed in part: ${now}`);
        last = now;
      },
    });
    assert.equal(p.status, 200, p.text);
  });

  it('imports: a venue file whole or not at all, each member with its role or not at all', async () => {
    const { r: v, n } = await faultLoop('POST /api/v1/venues/import', (k, headers) => vm.request('POST', '/api/v1/venues/import', {
      body: ['external_id,name,category,division,lon,lat,address',
        ...[1, 2, 3].map((i) => `oom-i${k}-${i},导入书屋 ${k}-${i},library,510402001,101.7${i},26.58,东区 ${i} 号`)].join('\n'),
      headers: { 'Content-Type': 'text/csv', ...headers },
    }), { api: true });
    assert.equal(v.status, 200, `after ${n} allocations: ${v.text}`);
    assert.equal(v.json.created, 3);
    const files = new Map();
    for (const [xid, address] of sql(srv.db, "SELECT external_id, address FROM venues WHERE external_id LIKE 'oom-i%'")) {
      const [, k, i] = xid.split('-');
      assert.equal(address, `东区 ${i} 号`);
      files.set(k, (files.get(k) || 0) + 1);
    }
    for (const [k, rows] of files) assert.equal(rows, 3, `file ${k} imported in part`);
    assert.equal(files.get(`i${n}`), 3);
    // a transaction per member: each whole (with its role) or absent
    const phone = (k, i) => `187${String(k * 10 + i).padStart(8, '0')}`;
    const { r: m, n: nm } = await faultLoop('POST /api/v1/accounts/import', (k, headers) => adminWeb.request('POST', '/api/v1/accounts/import', {
      body: ['phone,name,password,role,division',
        ...[1, 2].map((i) => `${phone(k, i)},成员 ${k}-${i},Import2026ok,venue_manager,510402001`)].join('\n'),
      headers: { 'Content-Type': 'text/csv', ...headers },
      csrf: true,
    }), { api: true });
    // the request queues the file (202); the job runs off the request, on its own memory
    assert.equal(m.status, 202, m.text);
    let job;
    for (let t = 0; t < 200; t++) {
      job = await adminWeb.get(`/api/v1/accounts/import/${m.json.id}`);
      if (job.json?.status === 'done' || job.json?.status === 'failed') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.equal(job.json?.status, 'done', job.text);
    assert.equal(job.json.accepted, 2, job.text);
    const members = sql(srv.db, "SELECT u.phone, u.name, g.role, g.division FROM users u" +
      " LEFT JOIN role_grants g ON g.user_id = u.id WHERE u.phone LIKE '187%'");
    for (const [ph, name, role, division] of members) {
      const k = Math.floor(Number(ph.slice(3)) / 10), i = Number(ph.slice(3)) % 10;
      assert.deepEqual([name, role, division], [`成员 ${k}-${i}`, 'venue_manager', '510402001'], `${ph} in part`);
    }
    assert.ok(members.some((x) => x[0] === phone(nm, 2)));
  });

  it('creating an activity with its sessions: all of it or nothing', async () => {
    const day = 86400000;
    const t = (ms) => new Date(ms + 8 * 3600000).toISOString().slice(0, 19) + '+08:00';
    const start = Date.now() + 20 * day;
    const sessionsOf = [0, 1, 2].map((k) => ({
      starts_at: t(start + k * day), ends_at: t(start + k * day + 3600000), capacity: 30 + k,
    }));
    const { r, n } = await faultLoop('POST /api/v1/activities', (k, headers) => vm.post('/api/v1/activities', {
      title: `内存活动 ${k}`, category: 'lecture', division: '510402001', description: `讲座介绍 ${k}`,
      waitlist: true, sessions: sessionsOf,
    }, { headers }), { api: true });
    assert.equal(r.status, 201, `after ${n} allocations: ${r.text}`);
    assert.equal(r.json.sessions.length, 3);
    const rows = sql(srv.db, "SELECT a.title, a.description, count(s.id), coalesce(sum(s.capacity), 0) FROM activities a" +
      " LEFT JOIN activity_sessions s ON s.activity_id = a.id WHERE a.title LIKE '内存活动 %' GROUP BY a.id, a.title, a.description");
    assert.ok(rows.some((x) => x[0] === `内存活动 ${n}`));
    for (const [title, description, nsessions, seats] of rows) {
      assert.equal(description, `讲座介绍 ${title.split(' ')[1]}`);
      assert.deepEqual([Number(nsessions), Number(seats)], [3, 93], `${title} without all its sessions`);
    }
  });
});

describe('a real memory budget per request ([server] request_memory_kib)', () => {
  let srv, anon, admin;
  before(async () => {
    srv = await startServer({ config: { server: { request_memory_kib: 64 } } });
    anon = new Client(srv.base);
    admin = await loginAs(srv.base, DEMO.cityAdmin);
  });
  after(async () => {
    await srv?.stop();
  });

  it('a page that needs more answers 503; small pages and the server go on', async () => {
    assert.equal((await anon.get('/')).status, 200);
    const big = await anon.get('/venues'); // the district outlines of the map take some 150 KiB
    assert.ok(spent(big, false, 'GET /venues'), `${big.status}: ${big.text.slice(0, 300)}`);
    const api = await anon.get(`/api/v1/venues.geojson`);
    assert.equal(api.status, 200);
    assert.equal((await anon.get('/healthz')).status, 200);
    assert.equal((await anon.get('/')).status, 200);
  });

  it('an import that outgrows the budget writes nothing', async () => {
    const rows = ['external_id,name,category,division,lon,lat,address'];
    for (let i = 0; i < 600; i++) rows.push(`oom-${i},内存书屋 ${i},library,510402001,101.7${i % 10},26.58,攀枝花市东区某街道 ${i} 号`);
    const r = await admin.request('POST', '/api/v1/venues/import', { body: rows.join('\n'), headers: { 'Content-Type': 'text/csv' } });
    assert.ok(spent(r, true, 'POST /api/v1/venues/import'), `${r.status}: ${r.text.slice(0, 300)}`);
    assert.deepEqual(sql(srv.db, "SELECT count(*) FROM venues WHERE external_id LIKE 'oom-%'"), [['0']]);
    const small = await admin.request('POST', '/api/v1/venues/import', { body: rows.slice(0, 3).join('\n'), headers: { 'Content-Type': 'text/csv' } });
    assert.equal(small.status, 200, small.text);
    assert.equal(small.json.created, 2);
  });
});
