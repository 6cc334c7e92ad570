// Bad input is answered cleanly: 400 with error.code for bad JSON, 413 past the body limit,
// 405 with Allow, 404 as JSON under /api and as a page elsewhere; never a 500.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, cleanup, Client, DEMO, loginAs, assertError } from './lib.mjs';

const MAX_BODY = 2048;

/** Send raw bytes on one connection; resolves with the whole answer as text. */
function rawRequest(port, data, { endAfterWrite = false } = {}) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (out += d));
    s.on('error', (e) => (out ? resolve(out) : reject(e)));
    s.on('close', () => resolve(out));
    s.setTimeout(10000, () => s.destroy());
    s.write(data, () => {
      if (endAfterWrite) s.end();
    });
  });
}

describe('bad requests', () => {
  let srv, anon, citizen;
  before(async () => {
    srv = await startServer({ config: { server: { small_body_bytes: MAX_BODY } } });
    anon = new Client(srv.base);
    citizen = await loginAs(srv.base, DEMO.citizen);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const raw = (path, body, c = anon) =>
    c.request('POST', path, { body, headers: { 'Content-Type': 'application/json' } });

  it('malformed JSON is 400 bad_json', async () => {
    for (const body of ['{', '{"phone": "13800000000",}', "{'phone': 1}", 'phone=1&password=2', '{"a":1}{"b":2}', 'nul', '\u0000']) {
      const r = await raw('/api/v1/auth/register', body);
      assertError(r, 400, 'bad_json', `body ${JSON.stringify(body)}:`);
    }
    assertError(await raw('/api/v1/auth/login', '{"phone":'), 400, 'bad_json');
    assertError(await raw('/api/v1/me/password', '[', citizen), 400, 'bad_json');
  });

  it('an empty body where JSON is wanted is 400 bad_json', async () => {
    assertError(await raw('/api/v1/auth/register', ''), 400, 'bad_json');
    assertError(await anon.post('/api/v1/auth/login'), 400, 'bad_json');
  });

  it('a JSON body that is not an object is 400 bad_json', async () => {
    for (const body of ['[]', '[{"phone":"13800000000"}]', '"text"', '42', 'null', 'true']) {
      const r = await raw('/api/v1/auth/register', body);
      assertError(r, 400, 'bad_json', `body ${body}:`);
    }
  });

  it('duplicate keys and invalid UTF-8 in JSON are 400 bad_json', async () => {
    assertError(await raw('/api/v1/auth/login', '{"phone":"13800000006","phone":"13900000001","password":"x"}'), 400, 'bad_json');
    const bad = Buffer.concat([Buffer.from('{"phone":"13800000009","password":"Abcdefg123","name":"'), Buffer.from([0xd5, 0xc5]), Buffer.from('"}')]);
    assertError(await raw('/api/v1/auth/register', bad), 400, 'bad_json');
  });

  it('a field of the wrong type is 400 bad_field; a missing one 400 missing_field', async () => {
    const r = await anon.post('/api/v1/auth/register', { phone: 13800000009, password: 'Abcdefg123', name: '类型' });
    assertError(r, 400, 'bad_field');
    assert.match(r.json.error.message, /phone/);
    assertError(await anon.post('/api/v1/auth/register', { phone: '13800000009', password: ['Abcdefg123'], name: '类型' }), 400, 'bad_field');
    assertError(await anon.post('/api/v1/auth/register', { phone: '13800000009', password: 'Abcdefg123', name: { zh: '类型' } }), 400, 'bad_field');
    assertError(await anon.post('/api/v1/auth/login', { phone: '13800000006', password: true }), 400, 'bad_field');
    // a NUL inside a string is refused (jansson refuses \u0000 unless asked, so bad_json)
    const nul = await anon.post('/api/v1/auth/register', { phone: '13800000009', password: 'Abc\u0000defg123', name: 'nul' });
    assertError(nul, 400, null);
    assert.ok(['bad_json', 'bad_field'].includes(nul.json.error.code), nul.text);
    assertError(await anon.post('/api/v1/auth/login', { phone: '13800000006' }), 400, 'missing_field');
    assertError(await anon.post('/api/v1/auth/login', { phone: null, password: 'x' }), 400, 'missing_field');
  });

  it('a body over server.small_body_bytes is 413 (API: JSON, with Content-Length)', async () => {
    const big = JSON.stringify({ phone: '13800000009', password: 'Abcdefg123', name: 'x'.repeat(MAX_BODY * 2) });
    const r = await raw('/api/v1/auth/register', big);
    assertError(r, 413, 'too_large');
    // just under the limit is read and judged on its merits
    const fits = JSON.stringify({ phone: '13800000009', password: 'Abcdefg123', name: 'x'.repeat(MAX_BODY - 100) });
    assert.ok(Buffer.byteLength(fits) <= MAX_BODY);
    assertError(await raw('/api/v1/auth/register', fits), 400, 'bad_name');
  });

  it('a large body is 413 even before authentication and for a logged-in caller', async () => {
    assertError(await raw('/api/v1/accounts', 'x'.repeat(MAX_BODY + 1)), 413, 'too_large');
    assertError(await raw('/api/v1/me/password', 'x'.repeat(MAX_BODY * 3), citizen), 413, 'too_large');
  });

  it('a large chunked body (no Content-Length) is 413', async () => {
    const chunk = 'y'.repeat(1000);
    let body = '';
    for (let i = 0; i < 5; i++) body += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
    body += '0\r\n\r\n';
    const out = await rawRequest(
      srv.port,
      'POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        body,
    );
    assert.match(out, /^HTTP\/1\.1 413 /, out.slice(0, 200));
    assert.match(out, /"code":"too_large"/);
  });

  it('a large form body to a page is 413 as a page', async () => {
    const r = await anon.request('POST', '/register', {
      body: new URLSearchParams({ phone: '13800000009', name: 'z'.repeat(MAX_BODY * 2) }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 413);
    assert.match(r.headers.get('content-type'), /^text\/html/);
  });

  it('a wrong method is 405 with an Allow header (JSON under /api)', async () => {
    const cases = [
      ['GET', '/api/v1/auth/login', 'POST'],
      ['DELETE', '/api/v1/me', 'GET'],
      ['PUT', '/api/v1/divisions/5104', 'GET'],
      ['DELETE', '/api/v1/notices/1', 'GET, PATCH'],
      ['GET', '/api/v1/reviews/1/decision', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const r = await anon.request(method, path);
      assertError(r, 405, 'method_not_allowed', `${method} ${path}:`);
      const got = r.headers.get('allow');
      assert.ok(got, `${method} ${path}: an Allow header`);
      assert.deepEqual(
        got.split(',').map((m) => m.trim()).sort(),
        allow.split(', ').sort(),
        `${method} ${path}: Allow ${got}`,
      );
    }
  });

  it('a wrong method outside /api is 405 as a page with Allow', async () => {
    const h = await anon.request('POST', '/healthz');
    assert.equal(h.status, 405);
    assert.equal(h.headers.get('allow'), 'GET');
    const r = await anon.request('PUT', '/login');
    assert.equal(r.status, 405);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.deepEqual(
      r.headers.get('allow').split(',').map((m) => m.trim()).sort(),
      ['GET', 'POST'],
    );
  });

  it('an unknown /api path is 404 JSON not_found', async () => {
    for (const p of ['/api/v1/nothing', '/api/v2/me', '/api/v1/divisions', '/api/v1/divisions/5104/extra', '/api/']) {
      const r = await anon.get(p);
      assertError(r, 404, 'not_found', p);
      assert.match(r.headers.get('content-type'), /^application\/json/);
    }
  });

  it('an unknown page is 404 HTML', async () => {
    for (const p of ['/nothing-here', '/admin/nothing', '/static/missing.css']) {
      const r = await anon.get(p);
      assert.equal(r.status, 404, p);
      assert.match(r.headers.get('content-type'), /^text\/html/);
      assert.match(r.text, /^<!doctype html>/i);
    }
  });

  it('bad ids in paths are 404, not 500', async () => {
    for (const p of ['/api/v1/notices/abc', '/api/v1/notices/-1', '/api/v1/notices/0', '/api/v1/notices/99999999999999999999', '/api/v1/notices/123456']) {
      const r = await anon.get(p);
      assertError(r, 404, 'not_found', p);
    }
  });

  it('a typed path parameter that is not an id is 404 on every route, after the route\'s checks', async () => {
    // {id} and {grant} take a positive int64 in decimal digits (src/http/router.h)
    const bad = ['abc', '0', '00', '-1', '%2B1', '1a', '%207', '1.5', '9223372036854775808', '99999999999999999999'];
    for (const id of bad) {
      for (const p of [`/api/v1/activities/${id}`, `/api/v1/spaces/${id}/schedule`, `/api/v1/venues/${id}/timed-entry`]) {
        assertError(await anon.get(p), 404, 'not_found', p);
      }
      for (const p of [`/notices/${id}`, `/venues/${id}`, `/spaces/${id}`]) {
        const r = await anon.get(p);
        assert.equal(r.status, 404, p);
        assert.match(r.headers.get('content-type'), /^text\/html/, p);
      }
      assertError(await citizen.get(`/api/v1/reviews/${id}`), 404, 'not_found');
      assertError(await citizen.delete(`/api/v1/bookings/${id}`), 404, 'not_found');
    }
    // leading zeros are the same id
    assert.equal((await anon.get('/api/v1/venues/007')).status, (await anon.get('/api/v1/venues/7')).status);
    // the caller's permission is judged first, as before: no hint of ids to a stranger
    assertError(await anon.get('/api/v1/reviews/abc'), 401);
    const page = await anon.get('/admin/accounts/abc');
    assert.ok([302, 303].includes(page.status), `${page.status}`);
    assert.match(page.headers.get('location'), /^\/login\?next=/);
    assertError(await citizen.delete('/api/v1/accounts/1/roles/x'), 403);
    // a method the path does not take stays 405
    const r = await anon.put('/api/v1/notices/abc', {});
    assert.equal(r.status, 405);
  });

  it('bad paging parameters are 400', async () => {
    assertError(await anon.get('/api/v1/notices?limit=1000'), 400, 'bad_limit');
    assertError(await anon.get('/api/v1/notices?limit=-1'), 400, 'bad_limit');
    assertError(await anon.get('/api/v1/notices?cursor=x'), 400, 'bad_cursor');
    assertError(await anon.get('/api/v1/notices?division=x'), 400, 'bad_division');
  });

  it('a garbled request line or header does not hurt the server', async () => {
    const out = await rawRequest(srv.port, 'GARBAGE\r\n\r\n', { endAfterWrite: true });
    assert.ok(!/^HTTP\/1\.1 [23]/.test(out), out.slice(0, 100));
    const out2 = await rawRequest(
      srv.port,
      'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: ;;;=;wy_session\r\nConnection: close\r\n\r\n',
    );
    assert.match(out2, /^HTTP\/1\.1 401 /);
    const h = await anon.get('/healthz');
    assert.equal(h.status, 200);
  });

  it('no 500 was answered during all of this', async () => {
    const m = await anon.get('/metrics');
    assert.equal(m.status, 200);
    const fives = m.text.split('\n').filter((l) => /^wenyun_http_requests_total\{.*status="5\d\d"\}/.test(l));
    assert.deepEqual(fives, []);
  });
});
