// The guards of the HTTP layer against what a hostile client or page sends: each route's own
// body limit, refused before the body is read; JSON only on the API and no unsafe request from
// another site (login CSRF); absolute URLs from server.public_url, never from Host; the client
// address from X-Forwarded-For only when a trusted proxy sends it; control characters escaped
// in the log; 400 for a malformed % escape; no open redirect after logging in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone, runCli, tempDir, freshDb } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Send raw bytes on a new connection; resolves with {text, status, headers, ms} once the server
 * closes or timeoutMs passes (then text is what came so far). A write refused by a server that
 * has already answered is not an error.
 */
function rawRequest(port, data, { timeoutMs = 5000, end = false } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const head = text.split('\r\n\r\n')[0];
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ text, status: status ? Number(status[1]) : 0, headers, ms: Date.now() - t0 });
    };
    const timer = setTimeout(finish, timeoutMs);
    s.setEncoding('latin1');
    s.on('data', (d) => {
      text += d;
      // a complete answer with a Content-Length: no need to wait for the close
      const m = /\r\ncontent-length: *(\d+)\r\n/i.exec(text);
      const at = text.indexOf('\r\n\r\n');
      if (m && at >= 0 && text.length - at - 4 >= Number(m[1])) finish();
    });
    s.on('error', () => {});
    s.on('close', finish);
    s.write(data, () => {
      if (end) s.end();
    });
  });
}

/** Resident memory of a process, in KiB. */
function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]);
}

/** A chunked body of n bytes in 16 KiB chunks, with or without its last (empty) chunk. */
function chunked(n, { last = true } = {}) {
  const parts = [];
  for (let left = n; left > 0; left -= 16384) {
    const k = Math.min(left, 16384);
    parts.push(`${k.toString(16)}\r\n${'z'.repeat(k)}\r\n`);
  }
  if (last) parts.push('0\r\n\r\n');
  return parts.join('');
}

const MiB = 1 << 20;

describe('body limits per route', () => {
  let srv, district;
  before(async () => {
    srv = await startServer();
    district = await loginAs(srv.base, DEMO.districtAdmin);
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });

  it('a 1 MiB body to a small route is refused with 413 from its headers alone, at once', async () => {
    const r = await rawRequest(
      srv.port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${MiB}\r\n\r\n`, // and no body at all: the answer may not wait for it
      { timeoutMs: 3000 },
    );
    assert.equal(r.status, 413, `no 413 before the body: ${JSON.stringify(r.text.slice(0, 200))}`);
    assert.ok(r.ms < 2000, `answered after ${r.ms} ms`);
    assert.match(r.text, /"code":"too_large"/);
    // a page route answers with a page
    const p = await rawRequest(
      srv.port,
      'POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `Content-Length: ${MiB}\r\n\r\n`,
      { timeoutMs: 3000 },
    );
    assert.equal(p.status, 413);
    assert.match(p.headers['content-type'], /^text\/html/);
  });

  it('the small limit is 64 KiB by default: just under it is read, just over it is not', async () => {
    const anon = new Client(srv.base);
    const fits = JSON.stringify({ phone: '13800000009', password: 'x'.repeat(60000) });
    assert.notEqual((await anon.post('/api/v1/auth/login', undefined, { body: fits, headers: { 'Content-Type': 'application/json' } })).status, 413);
    const over = JSON.stringify({ phone: '13800000009', password: 'x'.repeat(66000) });
    assertError(await anon.request('POST', '/api/v1/auth/login', { body: over, headers: { 'Content-Type': 'application/json' } }), 413, 'too_large');
  });

  it('a chunked body past the small limit is 413 when it ends', async () => {
    const r = await rawRequest(
      srv.port,
      'POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        chunked(MiB),
    );
    assert.equal(r.status, 413, r.text.slice(0, 200));
    assert.match(r.text, /"code":"too_large"/);
  });

  it('bodies sent to small routes do not grow the server\'s memory', async () => {
    const anon = new Client(srv.base);
    for (let i = 0; i < 5; i++) await anon.get('/healthz');
    const before = rssKiB(srv.proc.pid);
    const socks = [];
    for (let i = 0; i < 12; i++) {
      // with a Content-Length, and a body that never quite ends
      const a = net.connect(srv.port, '127.0.0.1');
      a.on('error', () => {});
      a.write('POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${MiB}\r\n\r\n` + 'y'.repeat(MiB - 1));
      // chunked, without its last chunk
      const b = net.connect(srv.port, '127.0.0.1');
      b.on('error', () => {});
      b.write('POST /api/v1/me/password HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n' + chunked(MiB, { last: false }));
      socks.push(a, b);
    }
    await sleep(1500); // time for the server to read all of it
    const grown = rssKiB(srv.proc.pid) - before;
    for (const s of socks) s.destroy();
    assert.ok(grown < 8 * 1024, `24 MiB of bodies in flight grew the server by ${grown} KiB`);
    assert.equal((await anon.get('/healthz')).status, 200);
  });

  it('an import route still takes a large body (server.max_body_bytes)', async () => {
    const rows = ['external_id,name,category,division,lon,lat'];
    for (let i = 0; i < 3000; i++) rows.push(`big-${i},大批导入的文化站第${i}号,street_station,510402001,101.70,26.58`);
    const csv = rows.join('\n');
    assert.ok(Buffer.byteLength(csv) > 3 * 65536, `${Buffer.byteLength(csv)} bytes`);
    const r = await district.request('POST', '/api/v1/venues/import?dry_run=1', { body: csv, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.json.lines.length, 3000);
    assert.equal(r.json.created, 3000);
  });
});

describe('JSON only on the API, and no unsafe request from another site', () => {
  let srv;
  const creds = JSON.stringify({ phone: DEMO.citizen.phone, password: DEMO.citizen.password });
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });
  const login = (headers, body = creds) => new Client(srv.base).request('POST', '/api/v1/auth/login', { body, headers });
  const noSession = (r) => assert.ok(!r.setCookies.some((l) => l.startsWith('wy_session=')), `a session cookie was set: ${r.setCookies}`);

  it('login CSRF: text/plain from https://evil.example neither logs in nor sets wy_session', async () => {
    const r = await login({ 'Content-Type': 'text/plain', Origin: 'https://evil.example' });
    assert.ok([403, 415].includes(r.status), `${r.status} ${r.text}`);
    assert.equal(r.json?.token, undefined);
    noSession(r);
  });

  it('an API body that is not application/json is 415, whatever the origin', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json', 'json']) {
      const r = await login({ 'Content-Type': type });
      assertError(r, 415, 'unsupported_media_type', type);
      noSession(r);
    }
    // a body without a Content-Type at all
    const raw = await rawRequest(srv.port, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' +
      `Content-Length: ${Buffer.byteLength(creds)}\r\n\r\n${creds}`);
    assert.equal(raw.status, 415, raw.text.slice(0, 200));
  });

  it('application/json with parameters, in any case, is JSON', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
      const r = await login({ 'Content-Type': type });
      assert.equal(r.status, 200, `${type}: ${r.text}`);
    }
  });

  it('a foreign Origin, or without one a foreign Referer, is 403 on any unsafe request', async () => {
    const json = { 'Content-Type': 'application/json' };
    for (const h of [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: `http://127.0.0.1:${srv.port + 1}` },
      { Referer: 'https://evil.example/login' },
      { Origin: 'https://evil.example', Referer: `http://127.0.0.1:${srv.port}/login` },
    ]) {
      const r = await login({ ...json, ...h });
      assertError(r, 403, 'foreign_origin', JSON.stringify(h));
      noSession(r);
    }
    // this site itself, as the request's Host names it
    assert.equal((await login({ ...json, Origin: srv.base })).status, 200);
    assert.equal((await login({ ...json, Referer: `${srv.base}/login?next=/` })).status, 200);
    // a safe method is not refused
    const c = await loginAs(srv.base, DEMO.citizen);
    assert.equal((await c.get('/api/v1/me', { headers: { Origin: 'https://evil.example' } })).status, 200);
    // and a page's form post from another site is refused even with a good CSRF token
    const web = new Client(srv.base);
    const tok = await web.csrfToken();
    const form = await web.request('POST', '/login', {
      body: new URLSearchParams({ phone: DEMO.citizen.phone, password: DEMO.citizen.password, _csrf: tok }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
    });
    assert.equal(form.status, 403);
    assert.match(form.headers.get('content-type'), /^text\/html/);
    noSession(form);
  });

  it('a body-less unsafe API call needs no Content-Type; an upload route takes its own type', async () => {
    const c = await loginAs(srv.base, DEMO.citizen);
    assert.equal((await c.request('POST', '/api/v1/auth/logout')).status, 200);
    const admin = await loginAs(srv.base, DEMO.cityAdmin);
    const r = await admin.request('POST', '/api/v1/accounts/import?dry_run=1', {
      body: `phone,name,password\n${freshPhone()},导入者,Import2026pw\n`, headers: { 'Content-Type': 'text/csv' },
    });
    assert.equal(r.status, 202, r.text); // accepted: the import runs as a job
  });
});

describe('public base URL (server.public_url)', () => {
  /** POST /api/v1/me/calendar with a Host header of our choosing; returns the JSON. */
  async function calendarUrl(srv, host) {
    const c = await loginAs(srv.base, DEMO.citizen);
    const r = await rawRequest(srv.port, `POST /api/v1/me/calendar/reset HTTP/1.1\r\nHost: ${host}\r\n` +
      `Authorization: Bearer ${c.token}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    assert.equal(r.status, 200, r.text);
    return JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4));
  }

  it('unset: the listen address, never the Host header', async () => {
    const srv = await startServer();
    try {
      const j = await calendarUrl(srv, 'evil.example');
      assert.ok(!j.url.includes('evil.example'), j.url);
      assert.equal(j.url, `http://127.0.0.1:${srv.port}${j.path}`);
    } finally {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('set: every absolute URL starts with it, in the API and on the page', async () => {
    const srv = await startServer({ config: { server: { public_url: 'HTTPS://Wenyun.Example.gov.cn:443/' } } });
    try {
      const j = await calendarUrl(srv, 'evil.example');
      assert.equal(j.url, `https://wenyun.example.gov.cn${j.path}`);
      const web = await loginAs(srv.base, DEMO.citizen, { useCookie: true });
      await web.csrfToken();
      const page = await web.request('POST', '/me/calendar', {
        body: new URLSearchParams({ _csrf: web.jar.get('wy_csrf') }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(page.status, 200, page.text.slice(0, 300));
      assert.match(page.text, /<code id="calendar-url">https:\/\/wenyun\.example\.gov\.cn\/calendar\/me\/[A-Za-z0-9_-]{43}\.ics<\/code>/);
      assert.match(page.text, /href="webcal:\/\/wenyun\.example\.gov\.cn\/calendar\/me\//);
      assert.ok(!page.text.includes('127.0.0.1'));
      // the origin check now compares with it, not with Host
      const creds = { phone: DEMO.citizen.phone, password: DEMO.citizen.password };
      const anon = new Client(srv.base);
      assertError(await anon.post('/api/v1/auth/login', creds, { headers: { Origin: srv.base } }), 403, 'foreign_origin');
      assert.equal((await anon.post('/api/v1/auth/login', creds, { headers: { Origin: 'https://wenyun.example.gov.cn' } })).status, 200);
    } finally {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('a public_url that is not http(s)://host[:port] stops the server', () => {
    const dir = tempDir();
    try {
      for (const bad of ['wenyun.example.gov.cn', 'ftp://wenyun.example', 'https://wenyun.example/app', 'https://user@wenyun.example']) {
        const f = join(dir, 'bad.ini');
        writeFileSync(f, `[server]\npublic_url = ${bad}\n`);
        const r = runCli(['serve', '--db', freshDb(dir), '--listen', '127.0.0.1:0', '--config', f]);
        assert.notEqual(r.code, 0, bad);
        assert.match(r.stderr, /server\.public_url/, bad);
      }
    } finally {
      cleanup(dir);
    }
  });
});

describe('trusted proxies (server.trusted_proxies)', () => {
  // The login throttle makes an address wait after auth.login_ip_slow_after failures: which
  // address a request counts for is what req->ip is.
  const auth = { login_ip_slow_after: 2, login_slow_after: 100 };
  const fail = (c, xff) => c.request('POST', '/api/v1/auth/login', {
    json: { phone: freshPhone(), password: 'Wrong2026pw' }, headers: xff ? { 'X-Forwarded-For': xff } : {}, cookies: false,
  });
  const good = (c, xff) => c.request('POST', '/api/v1/auth/login', {
    json: { phone: DEMO.citizen.phone, password: DEMO.citizen.password }, headers: xff ? { 'X-Forwarded-For': xff } : {},
    cookies: false, // a session cookie from the last one would make this a CSRF-checked request
  });

  it('from a trusted proxy: the right-most untrusted address of X-Forwarded-For is the client', async () => {
    const srv = await startServer({ config: { server: { trusted_proxies: '10.0.0.0/8, 127.0.0.1, ::1' }, auth } });
    try {
      const c = new Client(srv.base);
      assert.equal((await fail(c, '198.51.100.7')).status, 401);
      // a client cannot pick another address by writing one to the left
      assert.equal((await fail(c, '192.0.2.1, 198.51.100.7')).status, 401);
      assertError(await good(c, '198.51.100.7'), 429, null, 'the locked client');
      assertError(await good(c, '203.0.113.9, 198.51.100.7, 10.1.2.3'), 429, null, 'behind two proxies');
      // other clients behind the same proxy are not locked with it
      const other = await good(c, '198.51.100.8');
      assert.equal(other.status, 200, other.text);
      assert.equal((await good(c, '198.51.100.7, 198.51.100.8')).status, 200);
      assert.equal((await good(c)).status, 200, 'the proxy itself');
    } finally {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('from any other peer the header is ignored: a spoofed address changes nothing', async () => {
    const srv = await startServer({ config: { server: { trusted_proxies: '10.0.0.0/8' }, auth } });
    try {
      const c = new Client(srv.base);
      assert.equal((await fail(c, '198.51.100.7')).status, 401);
      assert.equal((await fail(c, '198.51.100.8')).status, 401);
      // both failures were 127.0.0.1's, whatever the header said
      assertError(await good(c, '203.0.113.50'), 429, null, 'a spoofed header escaped the lock');
      assertError(await good(c), 429);
    } finally {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('a trusted_proxies entry that is not an address stops the server', () => {
    const dir = tempDir();
    try {
      const f = join(dir, 'bad.ini');
      writeFileSync(f, '[server]\ntrusted_proxies = 127.0.0.1, nginx.local\n');
      const r = runCli(['serve', '--db', freshDb(dir), '--listen', '127.0.0.1:0', '--config', f]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /server\.trusted_proxies: 'nginx\.local'/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('request parameters and the log', () => {
  let srv, anon;
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });

  it('a control character in the path does not write a second log line', async () => {
    await anon.get('/nothing%0Aforged-line%20INFO%20GET%20/admin%0D%0Aanother%09tab');
    await anon.get('/api/v1/divisions/5104%0Aforged-two');
    await sleep(200);
    const lines = srv.logs().split('\n');
    assert.ok(!lines.some((l) => /^(forged|another)/.test(l)), 'a forged line in the log');
    const line = lines.find((l) => l.includes('/nothing'));
    assert.ok(line, 'the request was logged');
    assert.ok(line.includes('/nothing\\nforged-line\\x20INFO\\x20GET\\x20/admin\\r\\nanother\\ttab route=- status=404'), line);
  });

  it('a malformed % escape in the query string is 400, not a list without its filters', async () => {
    for (const q of ['q=%zz', 'division=5104&q=%', 'q=%4', 'q=ok&%g0=1']) {
      assertError(await anon.get(`/api/v1/activities?${q}`), 400, 'bad_query', q);
    }
    const en = await anon.get('/api/v1/activities?q=%zz', { headers: { 'Accept-Language': 'en' } });
    assert.match(en.json.error.message, /query string is malformed/);
    const page = await anon.get('/activities?q=%zz');
    assert.equal(page.status, 400);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.equal((await anon.get('/api/v1/activities?q=%E4%BA%AC')).status, 200, 'a good escape is fine');
  });

  it('a malformed % escape in a form is 400, not a form without its fields', async () => {
    const web = new Client(srv.base);
    const tok = await web.csrfToken();
    const r = await web.request('POST', '/login', {
      body: `_csrf=${tok}&phone=%zz&password=x`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 400, r.text.slice(0, 200));
    assert.match(r.headers.get('content-type'), /^text\/html/);
  });

  it('after logging in, next goes only to a local path', async () => {
    const web = new Client(srv.base);
    const tok = await web.csrfToken();
    const post = (next) => web.request('POST', '/login', {
      body: `_csrf=${tok}&phone=${DEMO.citizen.phone}&password=${DEMO.citizen.password}&next=${next}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookies: true,
    });
    for (const next of ['/%09/evil.example/', '%2F%09%2Fevil.example%2F', '/%0A/evil.example', '/%5Cevil.example',
      '/%5C/evil.example', '//evil.example', '/%20/evil.example', 'https://evil.example/', '/ok%0D%0ASet-Cookie:x=1',
      '/a%5Cb', '%09/evil.example']) {
      web.jar.delete('wy_session');
      const r = await post(next);
      assert.equal(r.status, 303, `${next}: ${r.status}`);
      assert.equal(r.headers.get('location'), '/', next);
    }
    web.jar.delete('wy_session');
    const ok = await post(encodeURIComponent('/activities?division=5104'));
    assert.equal(ok.headers.get('location'), '/activities?division=5104');
    // the form carries only a safe target
    const form = await anon.get('/login?next=/%09/evil.example/');
    assert.match(form.text, /name="next" value="\/"/);
  });

  it('a page that needs a login sends its path along, encoded', async () => {
    const r = await anon.get('/admin');
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/login?next=/admin');
    const v = await anon.get('/venues/new');
    assert.equal(v.headers.get('location'), '/login?next=/venues/new');
  });
});
