// Operating the server: /healthz, /metrics, the API description, security headers, request ids
// and the request log, keep-alive, and a graceful shutdown that lets a request in flight finish.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cleanup, Client, DEMO, loginAs, BUILD_DIR } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function checkSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: ${csp}`);
  assert.match(csp, /default-src 'self'/, `${what}: ${csp}`);
  assert.match(csp, /object-src 'none'/, `${what}: ${csp}`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  const rp = r.headers.get('referrer-policy');
  assert.ok(['same-origin', 'strict-origin-when-cross-origin', 'no-referrer', 'strict-origin'].includes(rp), `${what}: Referrer-Policy ${rp}`);
  assert.match(r.headers.get('x-request-id') || '', /^[0-9a-f]{16}$/, `${what}: X-Request-Id`);
}

describe('operations', () => {
  let srv, anon;
  const ids = []; // [request id, method, path, status]
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      if (srv.proc.exitCode === null) await srv.stop();
      cleanup(srv.dir);
    }
  });

  const track = async (method, path, opts) => {
    const r = await anon.request(method, path, opts);
    ids.push([r.headers.get('x-request-id'), method, path, r.status]);
    return r;
  };

  it('GET /healthz: 200 JSON with status ok', async () => {
    const r = await track('GET', '/healthz');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.equal(r.json.status, 'ok');
    assert.equal(typeof r.json.version, 'string');
    assert.ok(Number.isInteger(r.json.uptime_s) && r.json.uptime_s >= 0);
  });

  it('GET /api/v1/openapi.json: the description assembled at build time, served from the binary', async () => {
    // no openapi.json under web.static_dir: the server carries it
    const r = await track('GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(r.json, JSON.parse(readFileSync(join(BUILD_DIR, 'gen/openapi.json'), 'utf8')));
    assert.equal(r.json.openapi, '3.0.3');
    assert.ok(r.json.paths['/api/v1/venues/{id}'].patch, 'a module fragment is part of it');
    assert.ok(r.json.components.schemas.Error, 'the base fragment is part of it');
  });

  it('every kind of response carries the security headers and a request id', async () => {
    const cases = [
      ['GET', '/healthz'],
      ['GET', '/'],
      ['GET', '/login'],
      ['GET', '/api/v1/divisions/5104'],
      ['GET', '/api/v1/divisions/5199'],
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/nope'],
      ['GET', '/nope'],
      ['DELETE', '/api/v1/me'],
      ['POST', '/api/v1/auth/login', { body: '{', headers: { 'Content-Type': 'application/json' } }],
      ['GET', '/admin'],
      ['GET', '/metrics'],
      ['GET', '/static/app.css'],
    ];
    const seen = new Set();
    for (const [m, p, opts] of cases) {
      const r = await track(m, p, opts);
      checkSecurityHeaders(r, `${m} ${p} (${r.status})`);
      const id = r.headers.get('x-request-id');
      assert.ok(!seen.has(id), 'request ids are unique');
      seen.add(id);
    }
    const api = await anon.get('/api/v1/divisions/5104');
    assert.equal(api.headers.get('cache-control'), 'no-store');
    const page = await anon.get('/');
    assert.match(page.headers.get('x-frame-options') || 'DENY', /DENY/);
  });

  it('pages are HTML in Chinese by default and English on request', async () => {
    const zh = await anon.get('/');
    assert.match(zh.headers.get('content-type'), /^text\/html; charset=utf-8/);
    assert.match(zh.text, /<html lang="zh/);
    const en = await anon.get('/', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    assert.match(en.text, /<html lang="en/);
    const q = await anon.get('/?lang=en');
    assert.ok(q.setCookies.some((l) => /^wy_lang=en;/.test(l)), 'the language switch sets a cookie');
  });

  it('the same connection serves several requests (keep-alive)', async () => {
    const out = await new Promise((resolve, reject) => {
      const s = net.connect(srv.port, '127.0.0.1');
      let buf = '';
      s.setEncoding('utf8');
      s.on('data', (d) => {
        buf += d;
        if ((buf.match(/HTTP\/1\.1 200/g) || []).length >= 2 && buf.trim().endsWith('}')) s.end();
      });
      s.on('error', reject);
      s.on('close', () => resolve(buf));
      s.setTimeout(5000, () => s.destroy());
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    assert.equal((out.match(/HTTP\/1\.1 200 OK/g) || []).length, 2, out);
    assert.ok(!/^Connection: close/im.test(out.split('\r\n\r\n')[0]), 'the first answer keeps the connection open');
  });

  it('GET /metrics: Prometheus text with request counters by route and status, and the latency histogram', async () => {
    // known traffic: 3 x 200 and 2 x 404 on the division route
    for (let i = 0; i < 3; i++) await track('GET', '/api/v1/divisions/510402');
    for (let i = 0; i < 2; i++) await track('GET', '/api/v1/divisions/510499');
    const r = await track('GET', '/metrics');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const lines = r.text.split('\n');
    const value = (prefix) => {
      const l = lines.find((x) => x.startsWith(prefix + ' '));
      assert.ok(l, `no metric line ${prefix}\n${r.text.slice(0, 3000)}`);
      return Number(l.slice(prefix.length + 1));
    };
    assert.ok(lines.includes('# TYPE wenyun_http_requests_total counter'));
    assert.ok(lines.includes('# TYPE wenyun_http_request_duration_seconds histogram'));
    const div = 'route="GET /api/v1/divisions/{code}"';
    // earlier tests called it once with 200 and once with 404 too
    assert.ok(value(`wenyun_http_requests_total{${div},status="200"}`) >= 3);
    assert.ok(value(`wenyun_http_requests_total{${div},status="404"}`) >= 2);
    assert.ok(value('wenyun_http_requests_total{route="GET /healthz",status="200"}') >= 1);
    assert.ok(value('wenyun_http_requests_total{route="unmatched",status="404"}') >= 2);
    assert.ok(value('wenyun_http_requests_total{route="unmatched",status="405"}') >= 1);
    assert.ok(value('wenyun_http_requests_total{route="GET /api/v1/me",status="401"}') >= 1);

    // the histogram of the division route: cumulative buckets, +Inf = count = all its requests
    const buckets = lines
      .filter((l) => l.startsWith(`wenyun_http_request_duration_seconds_bucket{${div},le=`))
      .map((l) => [l.match(/le="([^"]+)"/)[1], Number(l.split(' ').at(-1))]);
    assert.ok(buckets.length >= 5, 'several buckets');
    assert.equal(buckets.at(-1)[0], '+Inf');
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], 'buckets are cumulative');
    const count = value(`wenyun_http_request_duration_seconds_count{${div}}`);
    assert.equal(buckets.at(-1)[1], count);
    const total =
      value(`wenyun_http_requests_total{${div},status="200"}`) + value(`wenyun_http_requests_total{${div},status="404"}`);
    assert.equal(count, total);
    assert.ok(value(`wenyun_http_request_duration_seconds_sum{${div}}`) >= 0);

    // gauges and database statistics
    assert.ok(value('wenyun_http_requests_in_flight') >= 1, 'the /metrics request itself is in flight');
    assert.ok(value('wenyun_db_statements_total{pool="primary"}') > 0);
    assert.ok(value('wenyun_db_pool_connections{pool="primary"}') >= 1);
    assert.ok(value('wenyun_uptime_seconds') >= 0);
    for (const l of lines) {
      if (!l || l.startsWith('#')) continue;
      assert.match(l, /^[a-z_:]+(\{[a-z_]+="(?:[^"\\]|\\.)*"(?:,[a-z_]+="(?:[^"\\]|\\.)*")*\})? -?[0-9.e+]+$/, `a valid sample line: ${l}`);
    }
  });

  it('a login is counted under its route, and a slow hash shows in the histogram', async () => {
    const c = await loginAs(srv.base, DEMO.citizen);
    assert.ok(c.token);
    // a request is counted when it completes, just after its answer was sent: poll briefly
    const prefix = 'wenyun_http_requests_total{route="POST /api/v1/auth/login",status="200"}';
    let l;
    for (let i = 0; i < 50 && !l; i++) {
      if (i) await sleep(20);
      l = (await anon.get('/metrics')).text.split('\n').find((x) => x.startsWith(prefix));
    }
    assert.ok(l, 'the login is counted');
    // (an earlier test sent it malformed JSON, answered at once; this login hashed a password)
    const text = (await anon.get('/metrics')).text.split('\n');
    const sample = (p) => Number(text.find((x) => x.startsWith(p + ' ')).split(' ').at(-1));
    const h = 'wenyun_http_request_duration_seconds_bucket{route="POST /api/v1/auth/login",le=';
    assert.ok(sample(`${h}"+Inf"}`) - sample(`${h}"0.005"}`) >= 1, 'an argon2id login takes more than 5 ms');
  });

  it('the server log has one line per request, with its request id, method, path, route and status', async () => {
    await sleep(100); // the line is written when the request completes
    const log = srv.logs();
    for (const [id, method, path, status] of ids) {
      const mine = log.split('\n').filter((l) => l.includes(id));
      assert.equal(mine.length, 1, `one log line for ${id} (${method} ${path}): ${mine.join('\n')}`);
      const l = mine[0];
      assert.ok(l.includes(` ${method} `), l);
      assert.ok(l.includes(path.split('?')[0]), l);
      assert.match(l, new RegExp(`status=${status}\\b`), l);
      assert.match(l, /route=\S+/, l);
      assert.match(l, /dur_ms=[\d.]+/, l);
    }
    const div = log.split('\n').find((l) => l.includes('GET /api/v1/divisions/510402 '));
    assert.match(div, /route=\/api\/v1\/divisions\/\{code\}/);
  });

  it('passwords and tokens never appear in the log', async () => {
    const c = new Client(srv.base);
    const token = await c.login(DEMO.districtAdmin.phone, DEMO.districtAdmin.password);
    await c.get('/api/v1/me');
    await sleep(100);
    const log = srv.logs();
    assert.ok(!log.includes(DEMO.districtAdmin.password));
    assert.ok(!log.includes(token));
  });

  it('SIGTERM: exit code 0 and a clean stop message', async () => {
    await srv.stop();
    assert.match(srv.logs(), /shutting down/);
    assert.match(srv.logs(), /stopped/);
    await assert.rejects(fetch(`${srv.base}/healthz`), 'the port is closed after the stop');
    assert.match(srv.logs(), /wenyun \S+ serving on 127\.0\.0\.1:0 \(port \d+\)/);
  });
});

describe('graceful shutdown with a request in flight', () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    if (srv) {
      if (srv.proc.exitCode === null) srv.kill();
      cleanup(srv.dir);
    }
  });

  it('a slow request that started before SIGTERM still gets its answer; then the server exits 0', async () => {
    const body = JSON.stringify({ phone: DEMO.citizen.phone, password: DEMO.citizen.password });
    const half = Math.floor(body.length / 2);
    const sock = net.connect(srv.port, '127.0.0.1');
    let answer = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => (answer += d));
    const closed = new Promise((r) => sock.on('close', r));
    await new Promise((r) => sock.on('connect', r));
    sock.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
        body.slice(0, half),
    );
    await sleep(300); // the request is in flight, half its body sent
    srv.proc.kill('SIGTERM');
    await sleep(400);
    assert.equal(srv.proc.exitCode, null, 'the server waits for the request in flight');
    // a new connection is not accepted any more (a raw socket: fetch would reuse a kept-alive one)
    await assert.rejects(
      new Promise((resolve, reject) => {
        const s = net.connect(srv.port, '127.0.0.1');
        s.on('connect', () => {
          s.destroy();
          resolve();
        });
        s.on('error', reject);
      }),
      /ECONNREFUSED/,
    );
    sock.write(body.slice(half));
    await closed;
    assert.match(answer, /^HTTP\/1\.1 200 OK/, answer.slice(0, 300));
    assert.match(answer, /"token":"[A-Za-z0-9_-]{43}"/);
    const e = await srv.stop();
    assert.equal(e.code, 0);
    assert.match(srv.logs(), /POST \/api\/v1\/auth\/login route=\/api\/v1\/auth\/login status=200/);
  });
});
