// The load client of bench/flash-crowd (run by it; see there). A small HTTP/1.1 client on raw
// sockets, so one node process can keep a few hundred keep-alive connections busy with little
// CPU of its own: each connection sends a request, reads the whole answer (Content-Length),
// records the status and the latency, and sends the next, until the requests run out.
//
// It drives one run: log the demo staff in, create and publish the activities through the
// review chain, log the N imported users in, then measure
//   - the flash crowd: N bookings of a session of --capacity seats (waitlist off), one per user;
//   - the write path: N bookings of a session with a seat for everyone (all confirmed);
//   - the listing path: GET /api/v1/activities and the home page /;
//   - nginx serving a static file of the same size as each of those answers, with the same
//     client, the same connections and the same number of requests: the ceiling;
// checks that nothing was oversold or lost, and prints the figures (text and Markdown).
import { writeFileSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []),
);
const BASE = new URL(args.base);
const NGINX = new URL(args.nginx);
const USERS = +args.users;
const CAPACITY = +args.capacity;
const CONNS = +args.connections;
const PHONE = args['phone-prefix'];
const PASSWORD = args.password;
const WWW = args.www; // nginx's root: the static twins of the answers are written here
const SERVER_PID = +args['server-pid'];
const NGINX_PIDS = (args['nginx-pids'] || '').split(',').filter(Boolean).map(Number);
const phoneOf = (i) => `${PHONE}${String(i).padStart(11 - PHONE.length, '0')}`;
const log = (...a) => console.error('flash-crowd:', ...a);

// ---- CPU accounting: how much of the 2 cores went to the server, nginx, this client, others

const TICK = 100; // USER_HZ
function procTicks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return +x[11] + +x[12]; // utime + stime
  } catch {
    return 0;
  }
}
function machineTicks() {
  const c = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = c[3] + c[4];
  // irq + softirq: mostly the kernel's loopback network work, charged to no process
  return { busy: c.reduce((a, b) => a + b, 0) - idle, irq: c[5] + c[6] };
}
function cpuSnap() {
  const u = process.cpuUsage();
  return {
    t: performance.now(),
    ...(({ busy, irq }) => ({ machine: busy, irq }))(machineTicks()),
    server: procTicks(SERVER_PID),
    nginx: NGINX_PIDS.reduce((a, p) => a + procTicks(p), 0),
    client: (u.user + u.system) / 1e4, // µs -> ticks
  };
}
function cpuSince(a) {
  const b = cpuSnap();
  const s = (b.t - a.t) / 1000;
  const cores = (ticks) => ticks / TICK / s;
  const server = cores(b.server - a.server), nginx = cores(b.nginx - a.nginx), client = cores(b.client - a.client);
  const all = cores(b.machine - a.machine), irq = cores(b.irq - a.irq);
  return { server, nginx, client, irq, other: Math.max(0, all - server - nginx - client - irq), all };
}

// ---- the load engine

/**
 * Send n requests over `conns` keep-alive connections to url's host; make(i) returns the raw
 * request i (a Buffer or string). Returns {n, ms, status[], lat[] and end[] (ms: the latency,
 * and the time of the answer from the start), bodies[] if keep}.
 */
async function load(url, n, conns, make, { keep = false } = {}) {
  const status = new Uint16Array(n);
  const lat = new Float64Array(n);
  const end = new Float64Array(n);
  const bodies = keep ? new Array(n) : null;
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  const one = () => new Promise((resolve) => {
    let cur = -1, start = 0, buf = null, closed = false;
    const s = net.connect({ host: url.hostname, port: +url.port });
    s.setNoDelay(true);
    const send = () => {
      if (next >= n) {
        closed = true;
        s.end();
        resolve();
        return;
      }
      cur = next++;
      start = performance.now();
      s.write(make(cur));
    };
    s.on('connect', send);
    s.on('data', (chunk) => {
      buf = buf ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const he = buf.indexOf('\r\n\r\n');
        if (he < 0) return;
        const head = buf.toString('latin1', 0, he);
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        const len = m ? +m[1] : 0;
        if (buf.length < he + 4 + len) return;
        status[cur] = +head.slice(9, 12);
        end[cur] = performance.now() - t0;
        lat[cur] = end[cur] + t0 - start;
        if (bodies) bodies[cur] = buf.toString('utf8', he + 4, he + 4 + len);
        buf = buf.length > he + 4 + len ? buf.subarray(he + 4 + len) : null;
        cur = -1;
        if (/\r\nconnection:\s*close/i.test(head)) {
          s.destroy();
          return; // 'close' opens a new connection
        }
        send();
        if (!buf) return;
      }
    });
    s.on('error', () => {});
    s.on('close', () => {
      if (closed) return;
      closed = true;
      if (cur >= 0) {
        status[cur] = 0; // no answer
        lat[cur] = performance.now() - start;
        errors++;
      }
      // go on with a new connection while requests remain
      if (next < n) setTimeout(() => one().then(resolve), errors > 1000 ? 50 : 0);
      else resolve();
    });
  });
  await Promise.all(Array.from({ length: Math.min(conns, n) }, one));
  return { n, ms: performance.now() - t0, status, lat, end, bodies };
}

function pct(lat, p) {
  const a = Float64Array.from(lat).sort();
  return a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];
}
function counts(status) {
  const c = {};
  for (const s of status) c[s] = (c[s] || 0) + 1;
  return c;
}

const hostHdr = (u) => `Host: ${u.host}\r\n`;
const get = (u, path, extra = '') => Buffer.from(`GET ${path} HTTP/1.1\r\n${hostHdr(u)}${extra}\r\n`);
const post = (u, path, token, body = '', extra = '') =>
  Buffer.from(`POST ${path} HTTP/1.1\r\n${hostHdr(u)}${token ? `Authorization: Bearer ${token}\r\n` : ''}`
    + `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`);

// ---- a small JSON client for the setup (fetch)

async function api(method, path, token, body) {
  const r = await fetch(new URL(path, BASE), {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, text };
}
async function login(phone, password) {
  const r = await api('POST', '/api/v1/auth/login', null, { phone, password });
  if (r.status !== 200) throw new Error(`login ${phone}: ${r.status} ${r.text}`);
  return r.json.token;
}
function must(r, status, what) {
  if (r.status !== status) throw new Error(`${what}: want ${status}, got ${r.status} ${r.text}`);
  return r.json;
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const HOUR = 3600e3;

async function publish(staff, i, sessions) {
  const now = Date.now();
  const a = must(await api('POST', '/api/v1/activities', staff.vm, {
    title: ['周末公益音乐会', '非遗剪纸体验课', '社区读书会', '青少年书法培训', '露天电影放映'][i % 5] + ` 第${i + 1}期`,
    category: ['performance', 'heritage', 'reading', 'training', 'film'][i % 5],
    division: '510402001',
    description: '大渡口街道文化站主办，免费预约入场，请携带身份证件。'.repeat(3),
    organiser: '大渡口街道文化站',
    address: '攀枝花市东区大渡口街道',
    waitlist: false,
    max_companions: 2,
    sessions: sessions.map((cap, k) => ({
      starts_at: iso(now + 48 * HOUR + (i * 4 + k) * 3 * HOUR),
      ends_at: iso(now + 50 * HOUR + (i * 4 + k) * 3 * HOUR),
      capacity: cap,
    })),
  }), 201, 'create activity');
  must(await api('POST', `/api/v1/activities/${a.id}/submit`, staff.vm), 200, 'submit');
  const q = must(await api('GET', '/api/v1/reviews?status=pending', staff.rv1), 200, 'review queue');
  const item = q.items.find((x) => x.content_type === 'activity' && x.content_id === a.id);
  must(await api('POST', `/api/v1/reviews/${item.id}/decision`, staff.rv1, { decision: 'approve' }), 200, 'approve 1');
  const p = must(await api('POST', `/api/v1/reviews/${item.id}/decision`, staff.rv2, { decision: 'approve' }), 200, 'approve 2');
  if (p.status !== 'published') throw new Error(`not published: ${JSON.stringify(p)}`);
  return a.sessions.map((s) => s.id);
}

// ---- the run

const rows = []; // the table
function record(name, r, extra = {}) {
  const c = counts(r.status);
  const row = {
    name,
    n: r.n,
    rps: (r.n / r.ms) * 1000,
    p50: pct(r.lat, 50),
    p99: pct(r.lat, 99),
    max: pct(r.lat, 100),
    c2xx: Object.entries(c).filter(([s]) => s >= 200 && s < 300).reduce((a, [, v]) => a + v, 0),
    c409: c[409] || 0,
    c5xx: Object.entries(c).filter(([s]) => s >= 500).reduce((a, [, v]) => a + v, 0),
    cerr: c[0] || 0,
    other: Object.entries(c).filter(([s]) => s != 0 && s != 409 && (s < 200 || (s >= 300 && s < 500))).map(([s, v]) => `${s}×${v}`).join(' '),
    ...extra,
  };
  rows.push(row);
  // the latency of each kind of answer: a crowd's few 201s wait for the writer's commit
  const by = Object.keys(c).map((st) => {
    const l = r.lat.filter((_, i) => String(r.status[i]) === st);
    return `${st}: p50 ${pct(l, 50).toFixed(2)} p99 ${pct(l, 99).toFixed(2)}`;
  }).join('; ');
  log(`${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, statuses ${JSON.stringify(c)} (${by})`
    + (extra.cpu ? `, CPU (cores) server ${extra.cpu.server.toFixed(2)} nginx ${extra.cpu.nginx.toFixed(2)} client ${extra.cpu.client.toFixed(2)} irq ${extra.cpu.irq.toFixed(2)} other ${extra.cpu.other.toFixed(2)}` : ''));
  return row;
}

async function measure(name, url, n, make, opts) {
  const snap = cpuSnap();
  const r = await load(url, n, CONNS, make, opts);
  const cpu = cpuSince(snap);
  return { r, row: record(name, r, { cpu }) };
}

/** Put a static twin of an answer (the same body bytes) in nginx's root. */
function twin(path, body) {
  writeFileSync(join(WWW, path), body);
  return `/${path}`;
}

async function main() {
  const staff = {};
  [staff.vm, staff.rv1, staff.rv2] = await Promise.all([
    login('13900000005', 'Demo2026vm'), login('13900000003', 'Demo2026rv1'), login('13900000004', 'Demo2026rv2'),
  ]);
  // 20 published activities, so the listing answers a full page of 20; the first one holds the
  // crowded session (capacity seats) and a session with a seat for everyone
  const [crowded, roomy] = await publish(staff, 0, [CAPACITY, Math.min(USERS, 100000)]);
  for (let i = 1; i < 20; i++) await publish(staff, i, [200, 300]);
  log(`published 20 activities; the crowded session is ${crowded} (${CAPACITY} seats), the roomy one ${roomy}`);

  // log the users in: N logins, 64 at a time (not measured: logins are slow on purpose)
  let t = performance.now();
  const lg = await load(BASE, USERS, 64, (i) => post(BASE, '/api/v1/auth/login', null, JSON.stringify({ phone: phoneOf(i), password: PASSWORD })), { keep: true });
  const tokens = lg.bodies.map((b, i) => {
    if (lg.status[i] !== 200) throw new Error(`login ${phoneOf(i)}: ${lg.status[i]} ${b}`);
    return JSON.parse(b).token;
  });
  log(`logged ${USERS} users in in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // warm up both servers a little (connections, caches), not measured
  await load(BASE, 2000, CONNS, () => get(BASE, '/api/v1/activities'));
  await load(NGINX, 2000, CONNS, () => get(NGINX, '/'));

  // 1. the flash crowd: everyone at once on CAPACITY seats
  const bookReq = (sid) => tokens.map((tk) => post(BASE, `/api/v1/sessions/${sid}/bookings`, tk));
  const reqA = bookReq(crowded);
  const A = await measure(`book: ${USERS} users, ${CAPACITY} seats`, BASE, USERS, (i) => reqA[i], { keep: true });
  // confirmed per second: the seats went in the time to the last 201
  const firstOk = A.r.bodies.find((b, i) => A.r.status[i] === 201);
  // 2. the write path: every booking confirmed
  const reqB = bookReq(roomy);
  // FLASH_PERF_CTL: a profiler's control fifo (perf record --control fifo:PATH -D -1), told to
  // record during this measurement only
  const perfCtl = process.env.FLASH_PERF_CTL;
  if (perfCtl) writeFileSync(perfCtl, 'enable\n');
  const Bm = await measure(`book: ${USERS} users, a seat each`, BASE, USERS, (i) => reqB[i], { keep: true });
  if (perfCtl) writeFileSync(perfCtl, 'disable\n');

  // the static twin of a booking answer, served by nginx
  const okBody = firstOk || '{"id":1,"status":"confirmed","code":"AAAAAAAAAAAAAAAAAAAA"}';
  const fullBody = A.r.bodies.find((b, i) => A.r.status[i] === 409) || okBody;
  const pOk = twin('booking.json', okBody);
  const N1 = await measure(`nginx: static ${Buffer.byteLength(okBody)} B (a 201 answer)`, NGINX, USERS, () => get(NGINX, pOk));
  const pFull = twin('full.json', fullBody);
  const N2 = await measure(`nginx: static ${Buffer.byteLength(fullBody)} B (a 409 full answer)`, NGINX, USERS, () => get(NGINX, pFull));

  // 3. the listing path: the activity list API and the home page, against their twins
  const list = await api('GET', '/api/v1/activities');
  const home = await (await fetch(new URL('/', BASE))).text();
  const L = await measure(`GET /api/v1/activities (${Buffer.byteLength(list.text)} B)`, BASE, USERS, () => get(BASE, '/api/v1/activities'));
  const pList = twin('activities.json', list.text);
  const NL = await measure(`nginx: static ${Buffer.byteLength(list.text)} B (the list)`, NGINX, USERS, () => get(NGINX, pList));
  const H = await measure(`GET / (${Buffer.byteLength(home)} B)`, BASE, USERS, () => get(BASE, '/'));
  const pHome = twin('home.html', home);
  const NH = await measure(`nginx: static ${Buffer.byteLength(home)} B (the home page)`, NGINX, USERS, () => get(NGINX, pHome));
  // 4. the floor: the smallest request the server answers (one SELECT 1, no login), against
  // nginx serving the same bytes, so the cost of the framework itself is seen apart
  const health = await (await fetch(new URL('/healthz', BASE))).text();
  const F = await measure(`GET /healthz (${Buffer.byteLength(health)} B, the floor)`, BASE, USERS, () => get(BASE, '/healthz'));
  const pHealth = twin('healthz.json', health);
  const NF = await measure(`nginx: static ${Buffer.byteLength(health)} B (/healthz)`, NGINX, USERS, () => get(NGINX, pHealth));

  // ---- checks: nothing oversold, nothing lost
  const problems = [];
  for (const [sid, m, cap] of [[crowded, A, CAPACITY], [roomy, Bm, Math.min(USERS, 100000)]]) {
    // the organiser's listing comes in pages: follow them all
    const r = must(await api('GET', `/api/v1/sessions/${sid}/bookings?limit=500`, staff.vm), 200, 'organiser listing');
    for (let p = r; p.next_cursor;) {
      p = must(await api('GET', `/api/v1/sessions/${sid}/bookings?limit=500&cursor=${p.next_cursor}`, staff.vm), 200, 'organiser listing');
      r.items.push(...p.items);
    }
    const confirmedRows = r.items.filter((b) => b.status === 'confirmed');
    const ids = new Set(confirmedRows.map((b) => b.id));
    const seen = m.r.bodies.map((b, i) => (m.r.status[i] === 201 ? JSON.parse(b) : null)).filter(Boolean);
    const lost = seen.filter((b) => !ids.has(b.id)).length;
    const oversold = Math.max(0, r.confirmed_seats - r.capacity);
    const want = Math.min(cap, USERS);
    if (oversold) problems.push(`session ${sid}: oversold by ${oversold}`);
    if (lost) problems.push(`session ${sid}: ${lost} bookings answered 201 are not in the table`);
    if (r.confirmed_seats !== want) problems.push(`session ${sid}: ${r.confirmed_seats} seats confirmed, want ${want}`);
    if (seen.length !== confirmedRows.length) problems.push(`session ${sid}: ${seen.length} answered 201, ${confirmedRows.length} rows`);
    const c = counts(m.r.status);
    const bad = Object.keys(c).filter((s) => s != 201 && s != 409);
    if (bad.length) problems.push(`session ${sid}: answers other than 201/409: ${JSON.stringify(c)}`);
    m.row.check = { sid, capacity: r.capacity, confirmed_seats: r.confirmed_seats, rows: confirmedRows.length, answered201: seen.length, oversold, lost };
    log(`check session ${sid}: capacity ${r.capacity}, confirmed seats ${r.confirmed_seats}, rows ${confirmedRows.length}, 201s ${seen.length}, oversold ${oversold}, lost ${lost}`);
  }
  // confirmed bookings per second in the crowd: the seats were gone by the last 201
  let lastOk = 0;
  for (let i = 0; i < A.r.n; i++) if (A.r.status[i] === 201 && A.r.end[i] > lastOk) lastOk = A.r.end[i];

  // ---- the table
  const ratio = (a, b) => (a.rps / b.rps).toFixed(2);
  const fmt = (r) => `${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)} ${r.max.toFixed(1).padStart(7)}`;
  const cpuTxt = (r) => `srv ${r.cpu.server.toFixed(2)} ngx ${r.cpu.nginx.toFixed(2)} cli ${r.cpu.client.toFixed(2)} irq ${r.cpu.irq.toFixed(2)} oth ${r.cpu.other.toFixed(2)}${r.cpu.other > 0.25 ? ' *' : ''}`;
  const lines = [];
  lines.push(`| path | requests | req/s | p50 ms | p99 ms | max ms | 2xx | 409 | 5xx | no answer | vs nginx | CPU cores: server / nginx / client / irq / other |`);
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const md = (r, base) => `| ${r.name} | ${r.n} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${r.c2xx} | ${r.c409} | ${r.c5xx} | ${r.cerr} | ${base ? ratio(r, base) : ''} | ${r.cpu.server.toFixed(2)} / ${r.cpu.nginx.toFixed(2)} / ${r.cpu.client.toFixed(2)} / ${r.cpu.irq.toFixed(2)} / ${r.cpu.other.toFixed(2)}${r.cpu.other > 0.25 ? ' *' : ''} |`;
  lines.push(md(A.row, N1.row), md(Bm.row, N1.row), md(N1.row), md(N2.row), md(L.row, NL.row), md(NL.row), md(H.row, NH.row), md(NH.row), md(F.row, NF.row), md(NF.row));
  console.log('');
  console.log(`${'path'.padEnd(52)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}  statuses                       vs nginx  CPU (cores)`);
  for (const [r, base] of [[A.row, N1.row], [Bm.row, N1.row], [N1.row], [N2.row], [L.row, NL.row], [NL.row], [H.row, NH.row], [NH.row], [F.row, NF.row], [NF.row]]) {
    const st = `2xx ${r.c2xx} 409 ${r.c409} 5xx ${r.c5xx} none ${r.cerr}${r.other ? ' ' + r.other : ''}`;
    console.log(`${r.name.padEnd(52)} ${fmt(r)}  ${st.padEnd(30)} ${(base ? ratio(r, base) : '').padStart(8)}  ${cpuTxt(r)}`);
  }
  // the crowd's confirmed seats per second: all confirmed by the last 201
  const crowdConfirmedRate = A.row.c2xx / (lastOk / 1000);
  const roomyConfirmedRate = Bm.row.c2xx / (Bm.r.ms / 1000);
  console.log('');
  console.log(`confirmed bookings/s: the crowd ${crowdConfirmedRate.toFixed(0)}/s (its ${A.row.c2xx} seats were gone`
    + ` ${lastOk.toFixed(0)} ms into the storm; ${A.row.c409} were told full); everyone seated: ${roomyConfirmedRate.toFixed(0)}/s`);
  lines.push('', `Confirmed bookings per second: the crowd ${crowdConfirmedRate.toFixed(0)}/s (its ${A.row.c2xx} seats gone ${lastOk.toFixed(0)} ms into the storm), everyone seated ${roomyConfirmedRate.toFixed(0)}/s.`);
  console.log(`checks: ${problems.length ? 'FAILED: ' + problems.join('; ') : `zero oversold, zero lost (crowded: ${A.row.check.confirmed_seats}/${A.row.check.capacity} seats, ${A.row.check.answered201} answered 201 = ${A.row.check.rows} rows; roomy: ${Bm.row.check.confirmed_seats}/${Bm.row.check.capacity}, ${Bm.row.check.answered201} = ${Bm.row.check.rows})`}`);
  if (rows.some((r) => r.cpu && r.cpu.other > 0.25))
    console.log('* = disturbed: processes other than the client, wenyun and nginx used more than a quarter of a core during that measurement');
  console.log('');
  console.log('MARKDOWN');
  console.log(lines.join('\n'));
  if (args.json) writeFileSync(args.json, JSON.stringify({ rows: rows.map(({ name, n, rps, p50, p99, max, c2xx, c409, c5xx, cerr, cpu, check }) => ({ name, n, rps, p50, p99, max, c2xx, c409, c5xx, cerr, cpu, check })), problems }, null, 1));
  process.exitCode = problems.length ? 1 : 0;
}

// ---- the rewards case (--case rewards): the points supermarket's redemption path

/**
 * The same storms on a reward item of the points supermarket (积分超市, docs/rewards.md): the
 * N users (made volunteers by bench/flash-crowd before the server started, their account ids
 * in --user-ids) get 100 points each from the demo coordinator, then redeem
 *   - an item of --capacity pieces at 10 points, all at once (the rest told 409 sold_out);
 *   - an item with a piece for everyone (every request written: the stock and the ledger
 *     debit in the seats writer's batch, one durable commit per batch);
 * against nginx serving the 201 and the 409 answers as static files. Checks: no item passes
 * its stock, every 201 is a confirmed row, every winner paid 10 points and nobody else.
 */
async function mainRewards() {
  const coord = await login('13900000021', 'Demo2026zy');
  const ids = readFileSync(args['user-ids'], 'utf8').split('\n').filter(Boolean).map(Number);
  if (ids.length !== USERS) throw new Error(`--user-ids holds ${ids.length} ids, want ${USERS}`);
  const orgs = must(await api('GET', '/api/v1/volunteer-organisations?division=510402', null), 200, 'organisations');
  const org = orgs.items.find((o) => o.name === '东区文化志愿者协会').id;
  let t = performance.now();
  for (let i = 0; i < USERS; i += 500)
    must(await api('POST', '/api/v1/points/awards', coord, { org_id: org, amount: 100, reason: '服务“三线精神”主题讲座', user_ids: ids.slice(i, i + 500) }), 201, 'award');
  log(`awarded 100 points to each of ${USERS} volunteers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const item = async (title, stock) => must(await api('POST', '/api/v1/rewards', coord, { org_id: org, title, kind: 'ticket', cost: 10, stock, place: '攀枝花市文化馆一楼服务台' }), 201, 'reward item').id;
  const crowded = await item('攀枝花市文化馆新年音乐会门票', CAPACITY);
  const roomy = await item('东区文化馆公益讲座入场券', USERS);

  t = performance.now();
  const lg = await load(BASE, USERS, 64, (i) => post(BASE, '/api/v1/auth/login', null, JSON.stringify({ phone: phoneOf(i), password: PASSWORD })), { keep: true });
  const tokens = lg.bodies.map((b, i) => {
    if (lg.status[i] !== 200) throw new Error(`login ${phoneOf(i)}: ${lg.status[i]} ${b}`);
    return JSON.parse(b).token;
  });
  log(`logged ${USERS} users in in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await load(BASE, 2000, CONNS, () => get(BASE, '/api/v1/rewards'));
  await load(NGINX, 2000, CONNS, () => get(NGINX, '/'));

  const redeemReq = (id) => tokens.map((tk) => post(BASE, `/api/v1/rewards/${id}/redemptions`, tk));
  const reqA = redeemReq(crowded);
  const A = await measure(`redeem: ${USERS} volunteers, ${CAPACITY} pieces`, BASE, USERS, (i) => reqA[i], { keep: true });
  const reqB = redeemReq(roomy);
  const Bm = await measure(`redeem: ${USERS} volunteers, a piece each`, BASE, USERS, (i) => reqB[i], { keep: true });
  const okBody = A.r.bodies.find((b, i) => A.r.status[i] === 201) || '{"id":1,"item_id":1,"cost":10,"status":"confirmed","code":"AAAAAAAAAA"}';
  const outBody = A.r.bodies.find((b, i) => A.r.status[i] === 409) || okBody;
  const pOk = twin('redeemed.json', okBody);
  const N1 = await measure(`nginx: static ${Buffer.byteLength(okBody)} B (a 201 answer)`, NGINX, USERS, () => get(NGINX, pOk));
  const pOut = twin('sold_out.json', outBody);
  const N2 = await measure(`nginx: static ${Buffer.byteLength(outBody)} B (a 409 sold_out answer)`, NGINX, USERS, () => get(NGINX, pOut));

  const problems = [];
  for (const [id, m, stock] of [[crowded, A, CAPACITY], [roomy, Bm, USERS]]) {
    const it = must(await api('GET', `/api/v1/rewards/${id}`, null), 200, 'item');
    const taken = it.stock - it.remaining;
    const c = counts(m.r.status);
    const want = Math.min(stock, USERS);
    if (taken > it.stock) problems.push(`item ${id}: oversold`);
    if ((c[201] || 0) !== taken) problems.push(`item ${id}: ${c[201] || 0} answered 201, ${taken} taken`);
    if (taken !== want) problems.push(`item ${id}: ${taken} taken, want ${want}`);
    const bad = Object.keys(c).filter((x) => x != 201 && x != 409);
    if (bad.length) problems.push(`item ${id}: answers other than 201/409: ${JSON.stringify(c)}`);
    m.row.check = { id, stock: it.stock, taken, answered201: c[201] || 0 };
    log(`check item ${id}: stock ${it.stock}, taken ${taken}, 201s ${c[201] || 0}`);
  }
  let lastOk = 0;
  for (let i = 0; i < A.r.n; i++) if (A.r.status[i] === 201 && A.r.end[i] > lastOk) lastOk = A.r.end[i];
  const ratio = (a, b) => (a.rps / b.rps).toFixed(2);
  const md = (r, base) => `| ${r.name} | ${r.n} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${r.c2xx} | ${r.c409} | ${r.c5xx} | ${r.cerr} | ${base ? ratio(r, base) : ''} | ${r.cpu.server.toFixed(2)} / ${r.cpu.nginx.toFixed(2)} / ${r.cpu.client.toFixed(2)} / ${r.cpu.irq.toFixed(2)} / ${r.cpu.other.toFixed(2)}${r.cpu.other > 0.25 ? ' *' : ''} |`;
  const lines = [
    '| path | requests | req/s | p50 ms | p99 ms | max ms | 2xx | 409 | 5xx | no answer | vs nginx | CPU cores: server / nginx / client / irq / other |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    md(A.row, N2.row), md(Bm.row, N1.row), md(N1.row), md(N2.row),
    '',
    `Redemptions written per second: the crowd's ${A.row.c2xx} pieces gone ${lastOk.toFixed(0)} ms into the storm; a piece for everyone ${(Bm.row.c2xx / (Bm.r.ms / 1000)).toFixed(0)}/s.`,
  ];
  console.log('');
  console.log(`checks: ${problems.length ? 'FAILED: ' + problems.join('; ') : 'zero oversold, every 201 a taken piece'}`);
  console.log('');
  console.log('MARKDOWN');
  console.log(lines.join('\n'));
  if (args.json) writeFileSync(args.json, JSON.stringify({ rows: rows.map(({ name, n, rps, p50, p99, max, c2xx, c409, c5xx, cerr, cpu, check }) => ({ name, n, rps, p50, p99, max, c2xx, c409, c5xx, cerr, cpu, check })), problems }, null, 1));
  process.exitCode = problems.length ? 1 : 0;
}

(args.case === 'rewards' ? mainRewards() : main()).catch((e) => {
  console.error('flash-crowd:', e.stack || e);
  process.exit(2);
});
